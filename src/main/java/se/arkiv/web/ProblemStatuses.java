package se.arkiv.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error statuses an operation answers beyond those every operation can ({@link
 * ProblemResponses} adds those): a conflict, a destroyed record, an oversized upload. Each is
 * described in the API description as a problem detail.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface ProblemStatuses {
  int[] value();

  /** The operation exists only to say why not (a delete, a rewrite): it has no success answer. */
  boolean neverSucceeds() default false;
}
