package se.arkiv.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code /v3/api-docs} says about the API as a whole: its name and version (the build's), who
 * owns it, the two ways to log in, and the capabilities the operations are grouped by. What each
 * operation answers is on the controllers ({@code @Operation}) and in {@link ProblemResponses}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

  static final String BASIC = "basicAuth";
  static final String BEARER = "bearerAuth";

  static final String FILING = "Filing";
  static final String RECORDS = "Records";
  static final String SEARCH = "Search";
  static final String FILE_PLAN = "File plan";
  static final String AUDIT = "Audit trail";
  static final String EVENTS = "Retention events";
  static final String HOLDS = "Legal holds";
  static final String DISPOSITION = "Disposition";
  static final String FIXITY = "Fixity";
  static final String IMPORTS = "Imports";
  static final String PRIVACY = "Data subjects";
  static final String EXPORTS = "Exports";

  @Bean
  OpenAPI arkivApi(ObjectProvider<BuildProperties> build) {
    BuildProperties properties = build.getIfAvailable();
    // Without build-info (an IDE run before Maven's generate-resources) the version says so.
    String version = properties == null ? "development" : properties.getVersion();
    return new OpenAPI()
        .info(
            new Info()
                .title("Arkiv")
                .version(version)
                .description(
                    "The records archive of the bank's back office: file records, find them"
                        + " again, keep them exactly as long as the file plan says, freeze them"
                        + " under legal hold, destroy them with evidence, and read the"
                        + " hash-chained audit trail of all of it. Every error is an RFC 9457"
                        + " problem detail (application/problem+json).")
                .contact(
                    new Contact()
                        .name("Arkiv maintainers, back-office IT")
                        .email("arkiv@bank.invalid"))
                // There is no open-source licence: Arkiv is the bank's own software.
                .license(new License().name("Proprietary").identifier("LicenseRef-Proprietary")))
        // Relative: the description is served by the very service it describes.
        .servers(List.of(new Server().url("/").description("This Arkiv service")))
        .components(
            new Components()
                .addSecuritySchemes(
                    BASIC,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description(
                            "A user of the users file (arkiv.security.users-file). Failed"
                                + " logins are throttled per user and client address (429)."))
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description(
                            "A JWT of the bank's identity provider; accepted only where the"
                                + " service is configured with one"
                                + " (spring.security.oauth2.resourceserver.jwt.*).")))
        .tags(
            List.of(
                tag(
                    FILING,
                    "File records and correct their metadata; records are never deleted or rewritten."),
                tag(
                    RECORDS,
                    "Read a record: its metadata, original bytes, extracted text, preview and attachments."),
                tag(
                    SEARCH,
                    "Full-text search with filters, facets, snippets and cursors, within your departments."),
                tag(
                    FILE_PLAN,
                    "The retention schedule: record classes, their legal source and retention rules."),
                tag(
                    AUDIT,
                    "The hash-chained audit trail: entries, a record's history, verification."),
                tag(
                    EVENTS,
                    "Events that start retention clocks (account closed, employment ended)."),
                tag(HOLDS, "Legal holds: records that must not be destroyed, whatever their date."),
                tag(
                    DISPOSITION,
                    "Disposition runs: find, approve and destroy records whose time is up, with a certificate."),
                tag(
                    FIXITY,
                    "Fixity runs: compare what the store holds with what the metadata declares."),
                tag(IMPORTS, "Bulk imports of a legacy archive from a manifest."),
                tag(
                    PRIVACY,
                    "GDPR requests: what the archive holds about a person, and erasure requests answered as the law allows."),
                tag(
                    EXPORTS,
                    "Evidence exports: records, their history and retention as a BagIt bag.")));
  }

  private static Tag tag(String name, String description) {
    return new Tag().name(name).description(description);
  }
}
