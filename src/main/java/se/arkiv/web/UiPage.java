package se.arkiv.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * A controller of the web UI: it renders Thymeleaf pages and htmx fragments, and its errors are
 * friendly pages ({@link UiErrors}) carrying the same title and detail the API would answer.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Controller
@interface UiPage {}
