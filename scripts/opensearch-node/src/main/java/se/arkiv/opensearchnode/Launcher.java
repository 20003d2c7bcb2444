package se.arkiv.opensearchnode;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Runs one real OpenSearch node in this JVM until it is sent SIGTERM. The node is built through
 * Node's protected constructor that takes plugin classes (as OpenSearch's own MockNode does), so no
 * tarball is needed: the HTTP and transport layers come from the Netty 4 plugin, the language
 * analyzers (swedish, english) from analysis-common.
 *
 * <p>Arguments: name home httpPort transportPort seedTransportPorts(comma) initialMasters(comma)
 */
public final class Launcher {

  private static final List<Class<? extends Plugin>> PLUGINS =
      List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println(
          "usage: Launcher name home httpPort transportPort seedTransportPorts initialMasters");
      System.exit(2);
    }
    String name = args[0];
    Path home = Path.of(args[1]);
    List<String> seeds =
        List.of(args[4].split(",")).stream().map(p -> "127.0.0.1:" + p.trim()).toList();
    Settings settings =
        Settings.builder()
            .put("cluster.name", "arkiv")
            .put("node.name", name)
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", args[2])
            .put("transport.port", args[3])
            .putList("discovery.seed_hosts", seeds)
            .putList("cluster.initial_cluster_manager_nodes", List.of(args[5].split(",")))
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            // A test and trial cluster on one machine: small disks must not block allocation.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("node.processors", 1)
            .build();
    Node node =
        new PluginNode(
            InternalSettingsPreparer.prepareEnvironment(
                settings, java.util.Map.of(), null, () -> name));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    node.close();
                  } catch (Exception e) {
                    e.printStackTrace();
                  }
                  stopped.countDown();
                }));
    node.start();
    System.out.println("started " + name + " http://127.0.0.1:" + args[2]);
    stopped.await();
  }

  private static final class PluginNode extends Node {
    PluginNode(org.opensearch.env.Environment environment) {
      super(environment, PLUGINS, true);
    }
  }
}
