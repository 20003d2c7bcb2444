package se.arkiv.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code arkiv.node.*}.
 *
 * @param id this node's name among several on one store ({@code a-z}, {@code 0-9} and {@code -}, at
 *     most 32): it names the node's audit chain and the holder of the lease. Unset (the default)
 *     means the only node: the store's layout and behaviour are those of a single machine.
 * @param leaseTtl how long the once-only work stays with a node that stopped renewing its lease
 *     before another node takes it over
 */
@ConfigurationProperties("arkiv.node")
public record NodeSettings(String id, @DefaultValue("30s") Duration leaseTtl) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?");

  public NodeSettings {
    if (id != null && id.isBlank()) {
      id = null;
    }
    if (id != null && !NAME.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "arkiv.node.id must be 1 to 32 of a-z, 0-9 and '-' (not first or last): " + id);
    }
    if (leaseTtl.compareTo(Duration.ofSeconds(3)) < 0) {
      throw new IllegalArgumentException("arkiv.node.lease-ttl must be at least 3s: " + leaseTtl);
    }
  }

  /** The node's name when it is one of several; empty for the only node. */
  public Optional<String> nodeId() {
    return Optional.ofNullable(id);
  }
}
