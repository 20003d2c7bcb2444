package se.arkiv.web;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import se.arkiv.filing.InvalidFilingRequest;
import se.arkiv.record.RecordNotFound;
import se.arkiv.record.UnknownRecordClass;
import se.arkiv.retention.RetentionProblem;
import se.arkiv.search.InvalidQuery;
import se.arkiv.storage.StorageUnavailable;

/**
 * The one place where exceptions become RFC 9457 problem details. Nothing leaves with a stack
 * trace; unexpected errors are logged here and answered with a plain 500.
 */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

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

  @ExceptionHandler(RecordDestroyed.class)
  ProblemDetail destroyed(RecordDestroyed e) {
    ProblemDetail problem = problem(HttpStatus.GONE, "Record destroyed", e);
    problem.setProperty("tombstone", e.tombstone());
    return problem;
  }

  @ExceptionHandler(tools.jackson.core.JacksonException.class)
  ProblemDetail badJson(tools.jackson.core.JacksonException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "The request body is not valid JSON: " + e.getOriginalMessage());
    problem.setTitle("Malformed request");
    return problem;
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "Parameter '" + e.getName() + "' has an invalid value: '" + e.getValue() + "'");
    problem.setTitle("Invalid parameter");
    return problem;
  }

  @ExceptionHandler(StorageUnavailable.class)
  ResponseEntity<ProblemDetail> storageUnavailable(StorageUnavailable e) {
    log.warn("Object store unavailable: {}", e.getMessage());
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "The object store is not available; nothing was acknowledged. Try again shortly.");
    problem.setTitle("Storage unavailable");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "30")
        .body(problem);
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("Unexpected error", e);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "Something went wrong on our side; it has been logged.");
    problem.setTitle("Internal error");
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
      MaxUploadSizeExceededException e, HttpHeaders headers, HttpStatusCode status, WebRequest r) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONTENT_TOO_LARGE,
            "The upload is over the limit of "
                + (e.getMaxUploadSize() > 0 ? e.getMaxUploadSize() + " bytes" : "this service")
                + "; nothing was filed");
    problem.setTitle("Upload too large");
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
  }

  @ExceptionHandler(MultipartException.class)
  ProblemDetail badMultipart(MultipartException e) {
    if (e.getCause() != null
        && e.getCause().getMessage() != null
        && e.getCause().getMessage().contains("exceeds")) {
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.CONTENT_TOO_LARGE, "The upload is over the limit; nothing was filed");
      problem.setTitle("Upload too large");
      return problem;
    }
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "The request is not a readable multipart upload: " + e.getMessage());
    problem.setTitle("Malformed upload");
    return problem;
  }

  private static ProblemDetail problem(HttpStatus status, String title, Exception e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    problem.setTitle(title);
    problem.setType(URI.create("about:blank"));
    return problem;
  }
}
