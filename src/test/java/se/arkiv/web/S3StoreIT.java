package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import se.arkiv.testing.S3ProxyServer;

/** The whole service on the S3 store, over HTTP to S3Proxy (no Object Lock). */
class S3StoreIT extends S3EndToEnd {

  @Override
  Server startServer() throws Exception {
    S3ProxyServer server = S3ProxyServer.start("arkiv");
    return new Server() {
      @Override
      public Map<String, Object> properties() {
        return Map.of(
            "arkiv.storage.type", "s3",
            "arkiv.storage.s3.endpoint", server.endpoint(),
            "arkiv.storage.s3.bucket", "arkiv",
            "arkiv.storage.s3.access-key", S3ProxyServer.ACCESS_KEY,
            "arkiv.storage.s3.secret-key", S3ProxyServer.SECRET_KEY,
            "arkiv.storage.s3.read-timeout", "5s",
            "arkiv.storage.s3.connect-timeout", "2s");
      }

      @Override
      public void down() throws Exception {
        server.stopProcess();
      }

      @Override
      public void up() throws Exception {
        server.startProcess();
      }

      @Override
      public void assertHoldsOriginal(String id, byte[] content) throws Exception {
        assertThat(server.dataDir().resolve("arkiv/records/" + id + "/original"))
            .hasBinaryContent(content);
      }

      @Override
      public void close() throws Exception {
        server.close();
      }
    };
  }
}
