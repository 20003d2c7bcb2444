package se.arkiv.generator;

import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The text of a generated record: sentences drawn from words of its record class and of the bank's
 * back office in general, in Swedish or English, with amounts, dates and names, a few hundred to a
 * few thousand characters long. A pure function of the random it is handed.
 */
public final class BackOfficeText {

  private static final String[] COMMON_SV = {
    "och",
    "att",
    "som",
    "för",
    "med",
    "på",
    "av",
    "till",
    "enligt",
    "avser",
    "har",
    "ska",
    "är",
    "inte",
    "den",
    "det",
    "efter",
    "inom",
    "banken",
    "kunden",
    "beloppet",
    "underlag",
    "kontroll",
    "godkänd",
    "avdelningen",
    "rutin",
    "period",
    "datum",
    "bifogad",
    "handläggare",
    "ärendet",
    "uppgifter",
    "registrerad",
    "bokförd",
    "attesterad",
    "granskning",
    "internrevision",
    "kronor",
    "månaden",
    "året",
    "sammanställning",
    "ansvarig",
    "beslut",
    "noterat",
    "hänvisning"
  };

  private static final String[] COMMON_EN = {
    "and",
    "the",
    "of",
    "to",
    "for",
    "with",
    "on",
    "by",
    "per",
    "as",
    "is",
    "has",
    "was",
    "not",
    "under",
    "within",
    "after",
    "bank",
    "customer",
    "amount",
    "record",
    "review",
    "approved",
    "department",
    "procedure",
    "period",
    "date",
    "attached",
    "officer",
    "case",
    "details",
    "registered",
    "posted",
    "authorised",
    "internal",
    "audit",
    "kronor",
    "month",
    "year",
    "summary",
    "responsible",
    "decision",
    "noted",
    "reference",
    "according"
  };

  private static final Map<String, String[]> CLASS_SV =
      Map.of(
          "ACC-VOUCHER",
          words(
              "verifikation leverantörsfaktura kontering huvudbok konto debet kredit moms"
                  + " ingående utgående momsredovisning attest kostnadsställe periodisering"
                  + " bokföringsorder kvitto reskontra avstämning bokslut resultatenhet"),
          "PAYROLL",
          words(
              "lönespecifikation bruttolön nettolön preliminärskatt arbetsgivaravgift semesterersättning"
                  + " övertid sjuklön löneart lönekörning tjänstepension förmånsvärde traktamente"
                  + " skattetabell lönerevision frånvaro"),
          "EXPENSE",
          words(
              "reseräkning utlägg kvitto traktamente milersättning hotell flyg tåg representation"
                  + " kostnadsersättning attestant tjänsteresa konferens taxi förskott kortköp"),
          "TAX-STATEMENT",
          words(
              "kontrolluppgift arbetsgivardeklaration skatteverket inkomstår preliminärskatt"
                  + " individuppgift ränteinkomst kapitalinkomst källskatt deklaration"
                  + " skatteavdrag inkomstuppgift rättelse"),
          "TRADE-CONFIRMATION",
          words(
              "avräkningsnota affärsbekräftelse köp sälj aktier obligationer courtage likviddag"
                  + " handelsdag kurs antal depå värdepapper isin clearing avveckling motpart"
                  + " ordernummer"),
          "PAYMENT-ORDER",
          words(
              "betalningsorder betalningsuppdrag överföring mottagare bankgiro plusgiro iban bic"
                  + " utlandsbetalning valutadag avgift referens avsändare transaktion"
                  + " betalningsdatum swift"),
          "KYC",
          words(
              "kundkännedom identitetskontroll verklig huvudman riskklassificering penningtvätt"
                  + " pep-kontroll legitimation sanktionslista medelsursprung fördjupade"
                  + " åtgärder riskbedömning kundrelation uppföljning"),
          "ACCOUNT-AGREEMENT",
          words(
              "kontoavtal allmänna villkor sparkonto transaktionskonto ränta uppsägning"
                  + " kontohavare fullmakt underskrift avtalsvillkor avgifter insättningsgaranti"
                  + " kontoöppning"),
          "HR-FILE",
          words(
              "anställningsavtal tillsvidareanställning provanställning befattning medarbetarsamtal"
                  + " lönesamtal tjänstledighet föräldraledighet arbetsintyg uppsägningstid"
                  + " introduktion kompetens chef personalakt"),
          "CORRESPONDENCE",
          words(
              "brev förfrågan svar klagomål reklamation kundtjänst tack vänliga hälsningar"
                  + " bekräftelse ärendenummer återkoppling begäran kontoutdrag adressändring"
                  + " synpunkter"));

  private static final Map<String, String[]> CLASS_EN =
      Map.of(
          "ACC-VOUCHER",
          words(
              "voucher supplier invoice posting ledger account debit credit vat input output"
                  + " accrual approval cost centre journal receipt reconciliation closing"),
          "PAYROLL",
          words(
              "payslip gross salary net pay withholding tax employer contribution holiday pay"
                  + " overtime sick pay payroll run pension benefit allowance deduction"),
          "EXPENSE",
          words(
              "expense report claim receipt per diem mileage hotel flight train entertainment"
                  + " reimbursement approver business trip conference taxi advance card"),
          "TAX-STATEMENT",
          words(
              "statement employer declaration tax agency income year withholding interest"
                  + " capital income dividend return deduction correction"),
          "TRADE-CONFIRMATION",
          words(
              "trade confirmation buy sell shares bonds commission settlement date trade date"
                  + " price quantity custody securities isin clearing counterparty order"),
          "PAYMENT-ORDER",
          words(
              "payment order transfer beneficiary iban bic cross-border value date fee"
                  + " remittance originator transaction execution swift"),
          "KYC",
          words(
              "due diligence identity verification beneficial owner risk rating money laundering"
                  + " politically exposed sanctions screening source funds enhanced review"),
          "ACCOUNT-AGREEMENT",
          words(
              "account agreement general terms savings current account interest termination"
                  + " holder power attorney signature fees deposit guarantee opening"),
          "HR-FILE",
          words(
              "employment contract permanent probation position appraisal salary review leave"
                  + " parental certificate notice period onboarding competence manager file"),
          "CORRESPONDENCE",
          words(
              "letter enquiry reply complaint customer service thank you kind regards"
                  + " confirmation case number follow-up request statement address change"));

  private static final String[] FIRST_NAMES = {
    "Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan", "Sara", "Per", "Lena",
    "Mikael", "Emma", "Olof", "Ingrid", "Fredrik", "Sofia", "Nils", "Elin", "Gustav"
  };

  private static final String[] SURNAMES = {
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist", "Berg", "Holm",
    "Sandberg", "Ekström", "Wallin", "Nyström"
  };

  private BackOfficeText() {}

  private static String[] words(String text) {
    return text.split(" ");
  }

  static String person(SplittableRandom random) {
    return pick(random, FIRST_NAMES) + " " + pick(random, SURNAMES);
  }

  /** A text of {@code characters} characters or a little more. */
  static String text(
      SplittableRandom random,
      String recordClass,
      boolean swedish,
      String heading,
      int characters) {
    return text(random, recordClass, swedish, heading, characters, 40);
  }

  /** The record classes it writes texts for. */
  public static Set<String> classes() {
    return CLASS_SV.keySet();
  }

  /**
   * A text whose words are {@code ownPercent} % its class's own and the rest the back office's in
   * general: the lower, the harder to tell its class.
   */
  public static String text(
      SplittableRandom random,
      String recordClass,
      boolean swedish,
      String heading,
      int characters,
      int ownPercent) {
    String[] own = (swedish ? CLASS_SV : CLASS_EN).get(recordClass);
    String[] common = swedish ? COMMON_SV : COMMON_EN;
    StringBuilder text = new StringBuilder(characters + 200).append(heading).append('\n');
    while (text.length() < characters) {
      int length = 6 + random.nextInt(12);
      int start = text.length();
      for (int i = 0; i < length; i++) {
        if (i > 0) {
          text.append(' ');
        }
        int roll = random.nextInt(100);
        if (roll < ownPercent) {
          text.append(pick(random, own));
        } else if (roll < 94) {
          text.append(pick(random, common));
        } else if (roll < 97) {
          text.append(amount(random, swedish));
        } else {
          text.append(person(random));
        }
      }
      text.setCharAt(start, Character.toUpperCase(text.charAt(start)));
      text.append(random.nextInt(8) == 0 ? ".\n" : ". ");
    }
    return text.toString().strip() + "\n";
  }

  static String amount(SplittableRandom random, boolean swedish) {
    int kronor = 100 + random.nextInt(250_000);
    int ore = random.nextInt(100);
    String cents = ore < 10 ? "0" + ore : String.valueOf(ore);
    return swedish ? kronor + "," + cents + " kr" : "SEK " + kronor + "." + cents;
  }

  static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
