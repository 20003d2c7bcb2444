package se.arkiv.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import se.arkiv.access.NotForYourRole;
import se.arkiv.access.OutsideScope;
import se.arkiv.access.RecordGone;
import se.arkiv.access.RecordRestricted;
import se.arkiv.audit.AuditUnavailable;
import se.arkiv.export.ExportNotFound;
import se.arkiv.export.ExportNotPossibleYet;
import se.arkiv.export.ExportNotReady;
import se.arkiv.export.InvalidExport;
import se.arkiv.filing.InvalidFilingRequest;
import se.arkiv.fixity.FixityRunInProgress;
import se.arkiv.fixity.FixityRunNotFound;
import se.arkiv.imports.ImportInProgress;
import se.arkiv.imports.ImportNotFound;
import se.arkiv.imports.ImportRefused;
import se.arkiv.imports.InvalidManifest;
import se.arkiv.record.RecordNotFound;
import se.arkiv.record.UnknownRecordClass;
import se.arkiv.retention.RetentionProblem;
import se.arkiv.search.InvalidQuery;
import se.arkiv.search.SavedSearchNotFound;
import se.arkiv.search.SearchUnavailable;
import se.arkiv.storage.ObjectAlreadyExists;
import se.arkiv.storage.ObjectLocked;
import se.arkiv.storage.ObjectMissing;
import se.arkiv.storage.StorageUnavailable;
import tools.jackson.core.JacksonException;

/**
 * The one place where exceptions become RFC 9457 problem details. Nothing leaves with a stack
 * trace; unexpected errors are logged here and answered with a plain 500.
 *
 * <p>Why it is over 300 lines: it is a table, one short handler per exception the modules throw
 * (the imports added four, the exports four), and the audit of every refusal that passes through
 * it. Kept in one class so that the whole mapping from exception to status reads in one place.
 */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

  private static final Pattern TARGET =
      Pattern.compile(
          "/(?:api/)?(?:records|holds|retention/events|disposition/runs)"
              + "/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:/.*)?");

  private final AuditRecorder audit;

  ProblemDetails(AuditRecorder audit) {
    this.audit = audit;
  }

  /**
   * Every refused or failed API call is audited here, in the one place errors pass through:
   * refusals by a rule as DENIED, everything else as FAILED.
   */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    auditProblem(status.value(), ex.getMessage());
    return super.handleExceptionInternal(ex, body, headers, status, request);
  }

  private static final ExceptionHandlerMethodResolver HANDLERS =
      new ExceptionHandlerMethodResolver(ProblemDetails.class);

  /**
   * The problem the API would answer for this exception, with its status, title and detail: the
   * UI's error pages show exactly this, so the two never disagree about what went wrong.
   */
  ResponseEntity<?> describe(Exception e, WebRequest request) throws Exception {
    Method handler = HANDLERS.resolveMethod(e);
    if (handler == null) {
      return unexpectedAnswer(e);
    }
    Object[] arguments = new Object[handler.getParameterCount()];
    for (int i = 0; i < arguments.length; i++) {
      Class<?> type = handler.getParameterTypes()[i];
      arguments[i] =
          type.isInstance(e) ? e : WebRequest.class.isAssignableFrom(type) ? request : null;
    }
    Object answer;
    try {
      answer = handler.invoke(this, arguments);
    } catch (InvocationTargetException thrown) {
      return unexpectedAnswer(thrown.getCause() instanceof Exception cause ? cause : e);
    }
    if (answer instanceof ResponseEntity<?> entity) {
      return entity;
    }
    ProblemDetail problem = (ProblemDetail) answer;
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }

  private ResponseEntity<?> unexpectedAnswer(Exception e) {
    return ResponseEntity.internalServerError().body(unexpected(e));
  }

  private void auditProblem(int status, String reason) {
    if (!(RequestContextHolder.getRequestAttributes()
        instanceof ServletRequestAttributes attributes)) {
      return;
    }
    HttpServletRequest request = attributes.getRequest();
    // On Tomcat's error page (ErrorEndpoint) the path asked for is an attribute of the request.
    String uri =
        request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original
            ? original
            : request.getRequestURI();
    if (uri.startsWith("/ui/") || uri.startsWith("/webjars/")) {
      return;
    }
    String action = request.getMethod() + " " + uri;
    String target = target(uri);
    try {
      if (status == 403 || status == 409) {
        audit.denied(action, target, reason);
      } else {
        audit.failed(action, target, status + ": " + reason);
      }
    } catch (RuntimeException e) {
      log.error("Could not audit a failed request", e);
    }
  }

  /**
   * The record, hold, event or run a refused call was about, read from its path, so that a refused
   * deletion is in the record's history and evidence bag; null for a call about no one thing.
   */
  static String target(String uri) {
    Matcher about = TARGET.matcher(uri);
    return about.matches() ? about.group(1) : null;
  }

  @ExceptionHandler(UnknownRecordClass.class)
  ProblemDetail unknownClass(UnknownRecordClass e) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Unknown record class", e);
    problem.setProperty("validCodes", e.validCodes());
    return problem;
  }

  @ExceptionHandler(InvalidFilingRequest.class)
  ProblemDetail invalidFiling(InvalidFilingRequest e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid filing request", e);
  }

  @ExceptionHandler(InvalidQuery.class)
  ProblemDetail invalidQuery(InvalidQuery e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid search", e);
  }

  @ExceptionHandler(RecordNotFound.class)
  ProblemDetail notFound(RecordNotFound e) {
    return problem(HttpStatus.NOT_FOUND, "Record not found", e);
  }

  @ExceptionHandler(ObjectMissing.class)
  ProblemDetail objectMissing(ObjectMissing e) {
    log.warn("A stored object is missing: {}", e.getMessage());
    return problem(
        HttpStatus.NOT_FOUND, "Not found", "The record's content is not (or no longer) stored");
  }

  @ExceptionHandler(ObjectLocked.class)
  ProblemDetail objectLocked(ObjectLocked e) {
    return problem(HttpStatus.CONFLICT, "Locked by the store", e);
  }

  @ExceptionHandler(ObjectAlreadyExists.class)
  ProblemDetail concurrentChange(ObjectAlreadyExists e) {
    return problem(
        HttpStatus.CONFLICT,
        "Changed meanwhile",
        "Someone else changed this at the same moment; read it again and retry");
  }

  @ExceptionHandler(PreviewNotAvailable.class)
  ProblemDetail noPreview(PreviewNotAvailable e) {
    return problem(HttpStatus.NOT_FOUND, "No preview", e);
  }

  @ExceptionHandler(ArchivalCopyNotAvailable.class)
  ProblemDetail noArchivalCopy(ArchivalCopyNotAvailable e) {
    return problem(e.refused() ? HttpStatus.CONFLICT : HttpStatus.NOT_FOUND, "No archival copy", e);
  }

  @ExceptionHandler(TextNotAvailable.class)
  ProblemDetail noText(TextNotAvailable e) {
    return problem(HttpStatus.NOT_FOUND, "No extracted text", e);
  }

  @ExceptionHandler(RetentionProblem.class)
  ResponseEntity<ProblemDetail> retention(RetentionProblem e) {
    HttpStatus status =
        switch (e.kind()) {
          case INVALID -> HttpStatus.BAD_REQUEST;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case REFUSED -> HttpStatus.CONFLICT;
          case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    String title =
        switch (e.kind()) {
          case INVALID -> "Invalid retention request";
          case NOT_FOUND -> "Not found";
          case REFUSED -> "Refused by the retention rules";
          case UNAVAILABLE -> "Not possible right now";
        };
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      answer.header(HttpHeaders.RETRY_AFTER, "30");
    }
    return answer.body(problem(status, title, e));
  }

  /** A run, an import, a saved search or an export asked for by an id nobody gave out. */
  @ExceptionHandler({
    FixityRunNotFound.class,
    ImportNotFound.class,
    SavedSearchNotFound.class,
    ExportNotFound.class
  })
  ProblemDetail unknownId(RuntimeException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e);
  }

  @ExceptionHandler(FixityRunInProgress.class)
  ProblemDetail fixityRunning(FixityRunInProgress e) {
    ProblemDetail problem = problem(HttpStatus.CONFLICT, "Fixity run in progress", e);
    problem.setProperty("runId", e.runId());
    return problem;
  }

  @ExceptionHandler(InvalidManifest.class)
  ProblemDetail invalidManifest(InvalidManifest e) {
    ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid manifest", e);
    problem.setProperty("rows", e.problems());
    return problem;
  }

  @ExceptionHandler(ImportRefused.class)
  ProblemDetail importRefused(ImportRefused e) {
    return problem(HttpStatus.BAD_REQUEST, "Import refused", e);
  }

  @ExceptionHandler(ImportInProgress.class)
  ProblemDetail importRunning(ImportInProgress e) {
    ProblemDetail problem = problem(HttpStatus.CONFLICT, "Import in progress", e);
    problem.setProperty("importId", e.importId());
    return problem;
  }

  @ExceptionHandler(RecordRestricted.class)
  ProblemDetail restricted(RecordRestricted e) {
    ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "Record restricted", e);
    problem.setProperty("erasureRequest", e.requestId());
    return problem;
  }

  @ExceptionHandler(InvalidExport.class)
  ProblemDetail invalidExport(InvalidExport e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid export request", e);
  }

  @ExceptionHandler(ExportNotReady.class)
  ProblemDetail exportNotReady(ExportNotReady e) {
    ProblemDetail problem = problem(HttpStatus.CONFLICT, "Export not ready", e);
    problem.setProperty("state", e.export().state());
    return problem;
  }

  @ExceptionHandler(ExportNotPossibleYet.class)
  ResponseEntity<ProblemDetail> exportNotYet(ExportNotPossibleYet e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "30")
        .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Not possible right now", e));
  }

  @ExceptionHandler(RecordGone.class)
  ProblemDetail destroyed(RecordGone e) {
    ProblemDetail problem = problem(HttpStatus.GONE, "Record destroyed", e);
    problem.setProperty("tombstone", e.tombstone());
    return problem;
  }

  @ExceptionHandler(JacksonException.class)
  ProblemDetail badJson(JacksonException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "Malformed request",
        UnreadableJson.describe("The request body", e));
  }

  /**
   * A body Spring could not read for a controller (not JSON, or not the shape asked for): the same
   * answer as {@link #badJson}, where Spring's own would be a bare "Failed to read request". Its
   * message is not the detail: it names the controller method.
   */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest r) {
    // The first Jackson exception knows the field; the most specific cause (a DateTimeException
    // for 2026-02-30) does not, and is no JSON error at all.
    JacksonException json = UnreadableJson.behind(e);
    String detail =
        json != null
            ? UnreadableJson.describe("The request body", json)
            : "The request has no body, or one that cannot be read";
    return handleExceptionInternal(
        e, unaudited(HttpStatus.BAD_REQUEST, "Malformed request", detail), headers, status, r);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "Invalid parameter",
        "Parameter '" + e.getName() + "' has an invalid value: '" + e.getValue() + "'");
  }

  @ExceptionHandler(SearchUnavailable.class)
  ResponseEntity<ProblemDetail> searchUnavailable(SearchUnavailable e) {
    log.warn("Search unavailable: {}", e.getMessage());
    return tryAgainIn(
        10,
        "Search unavailable",
        "The search cluster cannot answer right now; filing and reading records go on. Try"
            + " again shortly.");
  }

  @ExceptionHandler(AuditUnavailable.class)
  ResponseEntity<ProblemDetail> auditUnavailable(AuditUnavailable e) {
    log.error("Audit trail cannot be written: {}", e.toString());
    return tryAgainIn(
        30,
        "Audit trail unavailable",
        "The audit trail cannot be written now, and no action goes unrecorded: this one was"
            + " refused. Try again shortly.");
  }

  @ExceptionHandler(StorageUnavailable.class)
  ResponseEntity<ProblemDetail> storageUnavailable(StorageUnavailable e) {
    log.warn("Object store unavailable: {}", e.getMessage());
    return tryAgainIn(
        30,
        "Storage unavailable",
        "The object store is not available; nothing was acknowledged. Try again shortly.");
  }

  /** A 503 that says when to ask again: the part that failed is expected back. */
  private ResponseEntity<ProblemDetail> tryAgainIn(int seconds, String title, String detail) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
        .body(problem(HttpStatus.SERVICE_UNAVAILABLE, title, detail));
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("Unexpected error", e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal error",
        "Something went wrong on our side; it has been logged.");
  }

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
      MaxUploadSizeExceededException e, HttpHeaders headers, HttpStatusCode status, WebRequest r) {
    ProblemDetail problem =
        problem(
            HttpStatus.CONTENT_TOO_LARGE,
            "Upload too large",
            "The upload is over the limit of "
                + (e.getMaxUploadSize() > 0 ? e.getMaxUploadSize() + " bytes" : "this service")
                + "; nothing was filed");
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
  }

  @ExceptionHandler(MultipartException.class)
  ProblemDetail badMultipart(MultipartException e) {
    if (e.getCause() != null
        && e.getCause().getMessage() != null
        && e.getCause().getMessage().contains("exceeds")) {
      return problem(
          HttpStatus.CONTENT_TOO_LARGE,
          "Upload too large",
          "The upload is over the limit; nothing was filed");
    }
    return problem(
        HttpStatus.BAD_REQUEST,
        "Malformed upload",
        "The request is not a readable multipart upload: " + e.getMessage());
  }

  /**
   * Tomcat decodes the query string and a form body only when a parameter is first asked for, so a
   * {@code %zz} or bytes that are not UTF-8 surface here, after the request has been accepted.
   */
  @ExceptionHandler(InvalidParameterException.class)
  ProblemDetail undecodableParameters(InvalidParameterException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "Malformed request",
        "The query string or form body is not valid percent-encoded UTF-8");
  }

  @ExceptionHandler(RequestRejectedException.class)
  ProblemDetail rejected(RequestRejectedException e) {
    return problem(HttpStatus.BAD_REQUEST, "Rejected request", e);
  }

  @ExceptionHandler(RangeNotSatisfiable.class)
  ResponseEntity<ProblemDetail> unsatisfiableRange(RangeNotSatisfiable e) {
    return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
        .header(HttpHeaders.CONTENT_RANGE, "bytes */" + e.size())
        .body(problem(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "Range not satisfiable", e));
  }

  @ExceptionHandler(OutsideScope.class)
  ProblemDetail outsideScope(OutsideScope e) {
    return problem(HttpStatus.FORBIDDEN, "Outside your departments", e);
  }

  @ExceptionHandler(NotForYourRole.class)
  ProblemDetail notForYourRole(NotForYourRole e) {
    return problem(HttpStatus.FORBIDDEN, "Not for your role", e);
  }

  private ProblemDetail problem(HttpStatus status, String title, Exception e) {
    return problem(status, title, e.getMessage());
  }

  private ProblemDetail problem(HttpStatus status, String title, String detail) {
    auditProblem(status.value(), detail);
    return unaudited(status, title, detail);
  }

  private static ProblemDetail unaudited(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setType(URI.create("about:blank"));
    return problem;
  }
}
