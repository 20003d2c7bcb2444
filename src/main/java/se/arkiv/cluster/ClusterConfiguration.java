package se.arkiv.cluster;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/** The only node leads always; one of several takes part in the lease. */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

  @Bean
  Leadership leadership(
      NodeSettings settings, ObjectProvider<LeaseStore> stores, ApplicationEventPublisher events) {
    if (settings.nodeId().isEmpty()) {
      return new SoleNode(events);
    }
    LeaseStore store = stores.getIfAvailable();
    if (store == null) {
      throw new IllegalStateException(
          "arkiv.node.id="
              + settings.id()
              + " runs this node as one of several on the store, and they share one search index"
              + " and one lease there: set arkiv.search.engine=opensearch (or unset arkiv.node.id"
              + " for a single node)");
    }
    return new NodeLease(
        settings.id(),
        settings.leaseTtl(),
        store,
        events,
        new SimpleAsyncTaskExecutor("lease-gained-"),
        System::nanoTime);
  }
}
