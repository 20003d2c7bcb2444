package se.arkiv.web;

import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import se.arkiv.retention.LegalHold;
import se.arkiv.retention.LegalHolds;
import se.arkiv.retention.RetentionProblem;

/**
 * The legal-holds API at the HTTP edge, without a server: the JSON a client gets for a placed hold,
 * and the problem details (RFC 9457) it gets when the holds refuse. {@link LegalHolds} is a
 * stand-in here, told to refuse in its own words; that it refuses those requests is
 * LegalHoldsTest's to prove. What is real is the controller, the JSON mapping and {@link
 * ProblemDetails}, which turns the refusal into a problem and audits it.
 */
@ControllerSlice(HoldsController.class)
class HoldsControllerTest {

  private static final String HOLD = "0190f5a4-1111-7000-8000-000000000000";
  private static final String FIRST = "0190f5a4-0000-7000-8000-00000000000a";
  private static final String SECOND = "0190f5a4-0000-7000-8000-00000000000b";
  private static final Principal MANAGER = new TestingAuthenticationToken("rm", "n/a");

  @Autowired MockMvc mvc;
  @MockitoBean LegalHolds holds;
  @MockitoBean AuditRecorder audit;

  @Test
  void aReleasedHoldCoversNoRecordNow() throws Exception {
    LegalHold released =
        new LegalHold(
            2,
            HOLD,
            "Tax audit 2026",
            "Skatteverket's audit",
            null,
            null,
            List.of(FIRST),
            Instant.parse("2026-11-26T09:15:00Z"),
            "rm",
            Instant.parse("2026-11-30T09:15:00Z"),
            "rm",
            "audit closed");
    when(holds.find(HOLD)).thenReturn(released);
    when(holds.coveredBy(HOLD)).thenReturn(Set.of(FIRST));

    mvc.perform(get("/api/holds/{id}", HOLD).principal(MANAGER))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.hold.recordIds[0]").value(FIRST))
        .andExpect(jsonPath("$.coveredNow.length()").value(0));
  }

  @Test
  void placingAHoldAnswers201WithItsLocationAndTheRecordsItCoversNow() throws Exception {
    LegalHold placed =
        new LegalHold(
            1,
            HOLD,
            "Tax audit 2026",
            "Skatteverket's audit",
            "SKV-2026-17",
            "counterparty:\"Bolaget AB\"",
            List.of(FIRST),
            Instant.parse("2026-11-26T09:15:00Z"),
            "rm",
            null,
            null,
            null);
    when(holds.place(
            "Tax audit 2026",
            "Skatteverket's audit",
            "SKV-2026-17",
            "counterparty:\"Bolaget AB\"",
            List.of(FIRST),
            "rm"))
        .thenReturn(placed);
    when(holds.coveredBy(HOLD)).thenReturn(Set.of(FIRST, SECOND));

    mvc.perform(
            post("/api/holds")
                .principal(MANAGER)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
                    {"name": "Tax audit 2026", "reason": "Skatteverket's audit",
                     "caseReference": "SKV-2026-17", "query": "counterparty:\\"Bolaget AB\\"",
                     "recordIds": ["%s"]}
                    """
                        .formatted(FIRST)))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/holds/" + HOLD))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.hold.id").value(HOLD))
        .andExpect(jsonPath("$.hold.name").value("Tax audit 2026"))
        .andExpect(jsonPath("$.hold.query").value("counterparty:\"Bolaget AB\""))
        .andExpect(jsonPath("$.hold.recordIds.length()").value(1))
        .andExpect(jsonPath("$.hold.recordIds[0]").value(FIRST))
        .andExpect(jsonPath("$.hold.placedAt").value("2026-11-26T09:15:00Z"))
        .andExpect(jsonPath("$.hold.placedBy").value("rm"))
        .andExpect(jsonPath("$.hold.releasedAt").value(nullValue()))
        .andExpect(jsonPath("$.coveredNow.length()").value(2))
        .andExpect(jsonPath("$.coveredNow[?(@ == '%s')]", SECOND).exists());

    verify(audit).success(eq("hold.place"), eq(HOLD), anyMap());
  }

  @Test
  void releasingWithoutAReasonIsA400ProblemAuditedAsFailedAndNotAsDone() throws Exception {
    when(holds.release(eq(HOLD), isNull(), eq("rm")))
        .thenThrow(
            new RetentionProblem(
                RetentionProblem.Kind.INVALID, "reason is required to release a hold"));

    mvc.perform(
            post("/api/holds/{id}/release", HOLD)
                .principal(MANAGER)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("about:blank"))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.title").value("Invalid retention request"))
        .andExpect(jsonPath("$.detail").value("reason is required to release a hold"))
        .andExpect(jsonPath("$.instance").value("/api/holds/" + HOLD + "/release"));

    verify(audit)
        .failed(
            "POST /api/holds/" + HOLD + "/release",
            HOLD,
            "400: reason is required to release a hold");
    verify(audit, never()).success(anyString(), any(), anyMap());
  }

  @Test
  void releasingAHoldReleasedAlreadyIsA409ProblemAuditedAsDenied() throws Exception {
    when(holds.release(HOLD, "case closed", "rm"))
        .thenThrow(
            new RetentionProblem(
                RetentionProblem.Kind.REFUSED, "Hold " + HOLD + " was already released"));

    mvc.perform(
            post("/api/holds/{id}/release", HOLD)
                .principal(MANAGER)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"case closed\"}"))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(409))
        .andExpect(jsonPath("$.title").value("Refused by the retention rules"))
        .andExpect(jsonPath("$.detail").value("Hold " + HOLD + " was already released"));

    verify(audit)
        .denied(
            "POST /api/holds/" + HOLD + "/release", HOLD, "Hold " + HOLD + " was already released");
    verify(audit, never()).success(anyString(), any(), anyMap());
  }

  @Test
  void anUnknownHoldIsA404Problem() throws Exception {
    when(holds.find("no-such-hold"))
        .thenThrow(
            new RetentionProblem(
                RetentionProblem.Kind.NOT_FOUND, "No legal hold with id no-such-hold"));

    mvc.perform(get("/api/holds/{id}", "no-such-hold"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.title").value("Not found"))
        .andExpect(jsonPath("$.detail").value("No legal hold with id no-such-hold"));
  }

  /**
   * The parse error reaches the edge wrapped, as HttpMessageNotReadableException; it gets the same
   * problem as a body a controller parses itself, saying where the JSON broke.
   */
  @Test
  void aHoldThatIsNotJsonIsA400ProblemAndNothingIsPlaced() throws Exception {
    mvc.perform(
            post("/api/holds")
                .principal(MANAGER)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"Tax audit"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.type").value("about:blank"))
        .andExpect(jsonPath("$.title").value("Malformed request"))
        .andExpect(
            jsonPath("$.detail", startsWith("The request body is not valid JSON: Unexpected end")));

    verifyNoInteractions(holds);
  }
}
