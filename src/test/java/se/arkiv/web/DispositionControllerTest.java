package se.arkiv.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import se.arkiv.record.DispositionAction;
import se.arkiv.retention.DispositionRun;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.State;
import se.arkiv.retention.DispositionRuns;

/**
 * The disposition API at the HTTP edge, without a server: how the controller reads a request to
 * start a run (dry by default; {@code asOf} a date meaning midnight in Stockholm, or an instant),
 * the answers 201 and 202 with their Location, and the problems for an {@code asOf} it cannot read
 * and a certificate not made yet. {@link DispositionRuns} is a stand-in that answers with runs made
 * by hand; what a run finds and refuses is DispositionRunTest's and RetentionIT's to prove.
 */
@ControllerSlice(DispositionController.class)
class DispositionControllerTest {

  private static final String RUN = "0190f5a4-2222-7000-8000-000000000000";
  private static final String RECORD = "0190f5a4-0000-7000-8000-00000000000a";
  private static final Principal MANAGER = new TestingAuthenticationToken("rm", "n/a");

  @Autowired MockMvc mvc;
  @MockitoBean DispositionRuns runs;
  @MockitoBean AuditRecorder audit;

  @BeforeEach
  void anyRunStartsAsADryRun() {
    when(runs.start(anyBoolean(), any(), any(), anyBoolean(), anyString()))
        .thenReturn(run(State.DRY_RUN, true));
  }

  @Test
  void startsADryRunUnlessToldOtherwiseAndAnswers201WithItsLocation() throws Exception {
    start("{}")
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/disposition/runs/" + RUN))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.id").value(RUN))
        .andExpect(jsonPath("$.state").value("DRY_RUN"))
        .andExpect(jsonPath("$.dryRun").value(true))
        .andExpect(jsonPath("$.candidates[0].id").value(RECORD))
        .andExpect(jsonPath("$.candidates[0].retainUntil").value("2031-12-31T23:00:00Z"))
        .andExpect(jsonPath("$.candidates[0].action").value("DESTROY"));
    verify(runs).start(true, null, null, false, "rm");
    verify(audit).success(eq("disposition.start"), eq(RUN), anyMap());

    start("{\"dryRun\": false, \"recordClass\": \"ACC-VOUCHER\"}").andExpect(status().isCreated());
    verify(runs).start(false, null, "ACC-VOUCHER", false, "rm");
  }

  @Test
  void anAsOfDateMeansMidnightInStockholmInWinterAndInSummer() throws Exception {
    start("{\"asOf\": \"2032-01-01\"}").andExpect(status().isCreated());
    verify(runs).start(true, Instant.parse("2031-12-31T23:00:00Z"), null, false, "rm");

    start("{\"asOf\": \"2032-07-01\"}").andExpect(status().isCreated());
    verify(runs).start(true, Instant.parse("2032-06-30T22:00:00Z"), null, false, "rm");
  }

  @Test
  void anAsOfInstantIsTakenAsItIs() throws Exception {
    start("{\"asOf\": \"2032-03-15T10:30:00Z\"}").andExpect(status().isCreated());
    verify(runs).start(true, Instant.parse("2032-03-15T10:30:00Z"), null, false, "rm");
  }

  @Test
  void anAsOfThatIsNeitherADateNorAnInstantIsA400ProblemAndNoRunIsMade() throws Exception {
    start("{\"asOf\": \"next tuesday\"}")
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("about:blank"))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.title").value("Invalid retention request"))
        .andExpect(
            jsonPath("$.detail")
                .value("asOf: 'next tuesday' is neither a date (2032-01-01) nor an instant"))
        .andExpect(jsonPath("$.instance").value("/api/disposition/runs"));

    verify(runs, never()).start(anyBoolean(), any(), any(), anyBoolean(), anyString());
    verify(audit, never()).success(anyString(), any(), anyMap());
  }

  @Test
  void executingAnswers202WithTheRunsLocationWhileItGoesOnInTheBackground() throws Exception {
    when(runs.execute(RUN, "rm")).thenReturn(run(State.EXECUTING, false));

    mvc.perform(post("/api/disposition/runs/{id}/execute", RUN).principal(MANAGER))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/api/disposition/runs/" + RUN))
        .andExpect(jsonPath("$.state").value("EXECUTING"))
        .andExpect(jsonPath("$.executedBy").value("rm"));

    verify(audit).success("disposition.execute", RUN, Map.of("candidates", 1));
  }

  @Test
  void theCertificateOfARunNotExecutedYetIsA404Problem() throws Exception {
    when(runs.certificate(RUN)).thenReturn(Optional.empty());

    mvc.perform(get("/api/disposition/runs/{id}/certificate", RUN))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.title").value("Not found"))
        .andExpect(jsonPath("$.detail").value("Run " + RUN + " has no certificate yet"));
  }

  private ResultActions start(String body) throws Exception {
    return mvc.perform(
        post("/api/disposition/runs")
            .principal(MANAGER)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  /** A run of one voucher, made by maja; executed by rm if it is executing. */
  private static DispositionRun run(State state, boolean dryRun) {
    Instant made = Instant.parse("2032-01-02T08:00:00Z");
    boolean executing = state == State.EXECUTING;
    return new DispositionRun(
        2,
        RUN,
        state,
        dryRun,
        made,
        null,
        made,
        "maja",
        false,
        null,
        null,
        executing ? made.plusSeconds(3600) : null,
        executing ? "rm" : null,
        null,
        List.of(),
        List.of(
            new Candidate(
                RECORD,
                "ACC-VOUCHER",
                "ab".repeat(32),
                Instant.parse("2031-12-31T23:00:00Z"),
                "Bokföringslagen 7 kap. 2 §",
                DispositionAction.DESTROY)),
        List.of(),
        List.of(),
        null,
        1);
  }
}
