package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import se.arkiv.access.CorrectionRights;
import se.arkiv.access.RecordAccess;
import se.arkiv.filing.Filed;
import se.arkiv.filing.FilingRequest;
import se.arkiv.filing.FilingService;
import se.arkiv.filing.MetadataCorrection;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RecordNotFound;
import se.arkiv.retention.Retention;
import se.arkiv.retention.RetentionService;
import se.arkiv.retention.RetentionStatus;
import se.arkiv.security.Actor;
import se.arkiv.security.Role;
import se.arkiv.storage.FiledMetadata;

/**
 * The records API at the HTTP edge, without a server: the JSON of a record (its current version as
 * the API shows it, not as it is stored), 201 for a new filing and 200 for a duplicate, how a
 * correction is read from its body, and the problems for a body it cannot read, an unknown record
 * and a replaced content. The modules behind it (filing, access, retention) are stand-ins;
 * FilingServiceTest and the integration tests prove what they decide. {@link ScopedRecords}, the
 * edge's lookup, is real.
 */
@ControllerSlice(RecordController.class)
@Import(ScopedRecords.class)
class RecordControllerTest {

  private static final RecordId ID = RecordId.of("0190f5a4-0000-7000-8000-00000000000a");
  private static final String SHA256 = "ab".repeat(32);
  private static final RecordMetadata RECORD =
      FiledMetadata.of(ID, SHA256, "ACC-VOUCHER", "PAYROLL", BusinessKeys.NONE);
  private static final Actor CLERK = new Actor("clerk", Set.of(Role.CLERK), List.of("PAYROLL"));
  private static final Principal SIGNED_IN = new TestingAuthenticationToken("clerk", "n/a");
  private static final Retention RETAINED =
      new Retention(
          RetentionStatus.RETAINED,
          Instant.parse("2033-12-31T23:00:00Z"),
          null,
          "Bokföringslagen 7 kap. 2 §: P7Y from END_OF_FISCAL_YEAR (2026-12-31)",
          null,
          null,
          List.of(),
          List.of());

  @Autowired MockMvc mvc;
  @MockitoBean FilingService filing;
  @MockitoBean RecordAccess access;
  @MockitoBean CorrectionRights corrections;
  @MockitoBean RetentionService retention;
  @MockitoBean AuditRecorder audit;

  @BeforeEach
  void aClerkOfPayroll() {
    when(audit.actor()).thenReturn(CLERK);
    when(access.retentionShownTo(eq(CLERK), any())).thenReturn(RETAINED);
  }

  @Test
  void showsARecordAsItsCurrentVersionWithItsRetentionAndNothingOfHowItIsStored() throws Exception {
    when(access.find(CLERK, ID.value())).thenReturn(RECORD);

    mvc.perform(get("/api/records/{id}", ID.value()))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.id").value(ID.value()))
        .andExpect(jsonPath("$.version").value(1))
        .andExpect(jsonPath("$.recordClass").value("ACC-VOUCHER"))
        .andExpect(jsonPath("$.department").value("PAYROLL"))
        .andExpect(jsonPath("$.sha256").value(SHA256))
        .andExpect(jsonPath("$.size").value(876))
        .andExpect(jsonPath("$.filedAt").value("2026-11-26T20:43:29Z"))
        .andExpect(jsonPath("$.filedBy").value("clerk"))
        .andExpect(jsonPath("$.retention.status").value("RETAINED"))
        .andExpect(jsonPath("$.retention.retainUntil").value("2033-12-31T23:00:00Z"))
        .andExpect(jsonPath("$.retention.rule").value(RETAINED.rule()))
        .andExpect(jsonPath("$.schemaVersion").doesNotExist())
        .andExpect(jsonPath("$.originalVersionId").doesNotExist())
        .andExpect(jsonPath("$.changedBy").doesNotExist())
        .andExpect(jsonPath("$.provenance").doesNotExist())
        .andExpect(jsonPath("$.restriction").doesNotExist());

    verify(audit).success("record.view", ID.value(), Map.of());
  }

  @Test
  void anUnknownRecordIsA404ProblemAndNoReadIsAudited() throws Exception {
    String unknown = "0190f5a4-0000-7000-8000-0000000000ff";
    when(access.find(CLERK, unknown)).thenThrow(new RecordNotFound(unknown));

    mvc.perform(get("/api/records/{id}", unknown))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("about:blank"))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.title").value("Record not found"))
        .andExpect(jsonPath("$.detail").value("No record with id " + unknown))
        .andExpect(jsonPath("$.instance").value("/api/records/" + unknown));

    verify(audit)
        .failed("GET /api/records/" + unknown, unknown, "404: No record with id " + unknown);
    verify(audit, never()).success(anyString(), any(), anyMap());
  }

  @Test
  void aNewFilingIs201WithItsLocationAndTheSameBytesAgain200WithTheFirstRecord() throws Exception {
    when(access.scopedFiling(eq(CLERK), any())).thenAnswer(call -> call.getArgument(1));
    when(filing.file(any(), any(), eq("verifikation.pdf"), eq("clerk")))
        .thenReturn(new Filed(RECORD, true), new Filed(RECORD, false));

    mvc.perform(filingOf("{\"recordClass\": \"ACC-VOUCHER\", \"fiscalYearEnd\": \"2026-12-31\"}"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/records/" + ID.value()))
        .andExpect(jsonPath("$.id").value(ID.value()));
    mvc.perform(filingOf("{\"recordClass\": \"ACC-VOUCHER\", \"fiscalYearEnd\": \"2026-12-31\"}"))
        .andExpect(status().isOk())
        .andExpect(header().string("Location", "/api/records/" + ID.value()))
        .andExpect(jsonPath("$.id").value(ID.value()));

    ArgumentCaptor<FilingRequest> request = ArgumentCaptor.forClass(FilingRequest.class);
    verify(access, times(2)).scopedFiling(eq(CLERK), request.capture());
    assertThat(request.getValue().recordClass()).isEqualTo("ACC-VOUCHER");
    assertThat(request.getValue().fiscalYearEnd()).hasToString("2026-12-31");
  }

  @Test
  void aFilingWhoseMetadataIsNotJsonIsA400ProblemAndNothingIsFiled() throws Exception {
    mvc.perform(filingOf("{\"recordClass\": "))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.title").value("Invalid filing request"))
        .andExpect(
            jsonPath("$.detail").value(startsWith("The part 'metadata' is not valid JSON: ")));

    verifyNoInteractions(filing);
  }

  @Test
  void aCorrectionChangesOnlyTheNamedFieldsWithItsReasonAndAnswersTheNewVersion() throws Exception {
    RecordMetadata corrected =
        RECORD.corrected(
            "Verifikation 2026-117",
            "PAYROLL",
            null,
            null,
            BusinessKeys.NONE,
            List.of(),
            Instant.parse("2026-11-27T08:00:00Z"),
            "clerk",
            "corrected [title]: typo");
    when(access.find(CLERK, ID.value())).thenReturn(RECORD);
    when(filing.correct(eq(ID), any(), eq("clerk"))).thenReturn(corrected);

    mvc.perform(
            patch("/api/records/{id}", ID.value())
                .principal(SIGNED_IN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\": \"Verifikation 2026-117\", \"reason\": \"typo\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.version").value(2))
        .andExpect(jsonPath("$.title").value("Verifikation 2026-117"));

    ArgumentCaptor<MetadataCorrection> correction =
        ArgumentCaptor.forClass(MetadataCorrection.class);
    verify(corrections).check(eq(CLERK), eq(RECORD), correction.capture());
    assertThat(correction.getValue().fields()).containsExactly("title");
    assertThat(correction.getValue().title()).isEqualTo("Verifikation 2026-117");
    assertThat(correction.getValue().reason()).isEqualTo("typo");
    assertThat(correction.getValue().department()).isNull();
    verify(audit)
        .change(
            "record.correct",
            ID.value(),
            Map.of("title", "verifikation.pdf"),
            Map.of("title", "Verifikation 2026-117"));
  }

  @Test
  void aCorrectionThatIsNotAJsonObjectIsA400ProblemAndChangesNothing() throws Exception {
    when(access.find(CLERK, ID.value())).thenReturn(RECORD);

    mvc.perform(
            patch("/api/records/{id}", ID.value())
                .principal(SIGNED_IN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("[\"title\"]"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Invalid filing request"))
        .andExpect(
            jsonPath("$.detail").value("The body must be a JSON object of fields to correct"));

    mvc.perform(
            patch("/api/records/{id}", ID.value())
                .principal(SIGNED_IN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\": "))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Malformed request"))
        .andExpect(jsonPath("$.detail").value(startsWith("The request body is not valid JSON: ")));

    verifyNoInteractions(filing, corrections);
  }

  @Test
  void replacingARecordsContentIsAlwaysA409ProblemAuditedAsDenied() throws Exception {
    when(access.find(CLERK, ID.value())).thenReturn(RECORD);
    String why =
        "The content of record "
            + ID.value()
            + " is never modified; file the new version as a new record";

    mvc.perform(put("/api/records/{id}/content", ID.value()).content("new bytes"))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(409))
        .andExpect(jsonPath("$.title").value("Refused by the retention rules"))
        .andExpect(jsonPath("$.detail").value(why));

    verify(audit).denied("PUT /api/records/" + ID.value() + "/content", ID.value(), why);
    verifyNoInteractions(filing);
  }

  private static MockMultipartHttpServletRequestBuilder filingOf(String metadata) {
    return multipart("/api/records")
        .file(
            new MockMultipartFile(
                "file",
                "verifikation.pdf",
                "application/pdf",
                "%PDF-1.7 a voucher".getBytes(StandardCharsets.US_ASCII)))
        .file(
            new MockMultipartFile(
                "metadata", "", "application/json", metadata.getBytes(StandardCharsets.UTF_8)))
        .principal(SIGNED_IN);
  }
}
