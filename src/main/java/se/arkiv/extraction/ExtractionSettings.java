package se.arkiv.extraction;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code arkiv.extraction.*}: limits that keep one bad file from starving the service.
 *
 * @param maxCharacters text beyond this is cut and the record marked truncated
 * @param timeout a parse that takes longer is abandoned and the record marked failed
 * @param threads parallel extractions
 * @param queueCapacity filed records waiting for extraction; beyond it they wait for the sweep
 * @param ocr run Tesseract on images and scanned pages (needs tesseract installed)
 */
@ConfigurationProperties("arkiv.extraction")
public record ExtractionSettings(
    @DefaultValue("5000000") int maxCharacters,
    @DefaultValue("120s") Duration timeout,
    @DefaultValue("1") int threads,
    @DefaultValue("1000") int queueCapacity,
    @DefaultValue("false") boolean ocr) {}
