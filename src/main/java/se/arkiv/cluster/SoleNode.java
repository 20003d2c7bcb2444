package se.arkiv.cluster;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;

/**
 * The only node on its store ({@code arkiv.node.id} unset): it leads from the moment it is ready.
 */
final class SoleNode implements Leadership {

  private final ApplicationEventPublisher events;

  SoleNode(ApplicationEventPublisher events) {
    this.events = events;
  }

  @Override
  public boolean leads() {
    return true;
  }

  @Override
  public String node() {
    return "";
  }

  @EventListener(ApplicationReadyEvent.class)
  void ready() {
    events.publishEvent(new LeadershipGained("", 1));
  }
}
