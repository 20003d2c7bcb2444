package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;

/**
 * Bearer tokens from an identity provider, here a key pair made by the test: the user name, roles
 * and departments come from the token's claims.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenLoginIT {

  private final KeyPair keys;
  private final KeyPair strangerKeys;
  private RunningArkiv arkiv;
  private ArkivClient client;
  private Path keyFile;

  TokenLoginIT() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
    strangerKeys = generator.generateKeyPair();
  }

  @BeforeAll
  void start() throws Exception {
    keyFile = Files.createTempFile("idp-public-", ".pem");
    Files.writeString(
        keyFile,
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
    arkiv =
        RunningArkiv.start(
            Map.of(
                "spring.security.oauth2.resourceserver.jwt.public-key-location",
                "file:" + keyFile,
                "arkiv.security.jwt.departments-claim",
                "arkiv_departments"),
            InProcessExtractionSource.class);
    client = arkiv.client();
    client.file(
        RunningArkiv.MANAGER,
        "hr.txt",
        "Personalärende om tjänstledighet".getBytes(StandardCharsets.UTF_8),
        "{\"recordClass\":\"HR-FILE\",\"department\":\"HR\"}");
    client.file(
        RunningArkiv.MANAGER,
        "lon.txt",
        "Löneärende om tjänstledighet".getBytes(StandardCharsets.UTF_8),
        "{\"recordClass\":\"PAYROLL\",\"department\":\"PAYROLL\"}");
    client.await(
        () -> client.search(RunningArkiv.AUDITOR, "q", "tjänstledighet"),
        r -> r.json().get("total").asLong() == 2);
  }

  @AfterAll
  void stop() throws Exception {
    arkiv.close();
    Files.deleteIfExists(keyFile);
  }

  private String token(KeyPair signer, String user, List<String> roles, List<String> departments)
      throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject("idp-" + user)
            .claim("preferred_username", user)
            .claim("roles", roles)
            .claim("arkiv_departments", departments)
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
    return jwt.serialize();
  }

  @Test
  void rolesAndDepartmentsComeFromTheTokensClaims() throws Exception {
    String hrClerk = token(keys, "tove", List.of("CLERK"), List.of("hr"));
    var result = client.getWithToken("/api/search?q=tj%C3%A4nstledighet", hrClerk);
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.json().get("total").asLong()).isEqualTo(1);
    assertThat(result.json().get("hits").get(0).get("department").asString()).isEqualTo("HR");

    var audited = client.get("/api/audit?action=search&actor=tove", RunningArkiv.AUDITOR).json();
    assertThat(audited.get("entries")).isNotEmpty();
  }

  @Test
  void aClerkTokenMayNotPlaceHolds() throws Exception {
    String hrClerk = token(keys, "tove", List.of("CLERK"), List.of("HR"));
    assertThat(client.postWithToken("/api/holds", hrClerk, "{}").status()).isEqualTo(403);
  }

  @Test
  void anAuditorTokenSeesEveryDepartment() throws Exception {
    String auditor = token(keys, "anna", List.of("auditor", "some-other-role"), List.of());
    assertThat(
            client
                .getWithToken("/api/search?q=tj%C3%A4nstledighet", auditor)
                .json()
                .get("total")
                .asLong())
        .isEqualTo(2);
  }

  @Test
  void aTokenSignedByAnotherKeyIsRefused() throws Exception {
    String forged = token(strangerKeys, "mallory", List.of("AUDITOR"), List.of());
    var refused = client.getWithToken("/api/search", forged);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
  }
}
