package se.arkiv.record;

/**
 * A page whose text came from OCR, and Tesseract's mean word confidence on it (0 to 100).
 *
 * @param page the page number in the document, from 1 (an image is page 1)
 */
public record OcrPage(int page, double confidence) {}
