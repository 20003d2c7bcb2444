package se.arkiv.testing;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** veraPDF, the reference PDF/A validator, on a PDF in memory: PDF/A-2b's rules it breaks. */
public final class PdfAValidation {

  static {
    VeraGreenfieldFoundryProvider.initialise();
  }

  private PdfAValidation() {}

  /** Empty when veraPDF finds the PDF compliant with PDF/A-2b; otherwise each failed rule. */
  public static List<String> pdfA2bFailures(byte[] pdf) {
    try (PDFAParser parser =
            Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf));
        PDFAValidator validator =
            Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
      ValidationResult result = validator.validate(parser);
      if (result.isCompliant()) {
        return List.of();
      }
      return result.getTestAssertions().stream()
          .filter(a -> a.getStatus() != TestAssertion.Status.PASSED)
          .map(
              a ->
                  a.getRuleId().getClause()
                      + "-"
                      + a.getRuleId().getTestNumber()
                      + ": "
                      + a.getMessage())
          .distinct()
          .toList();
    } catch (Exception e) {
      return List.of("veraPDF cannot validate it: " + e);
    }
  }
}
