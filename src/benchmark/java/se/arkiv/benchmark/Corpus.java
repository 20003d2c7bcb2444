package se.arkiv.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import se.arkiv.testing.TestDocuments;

/**
 * Made-up back-office documents in Swedish and English: words drawn from a Zipf distribution over a
 * banking vocabulary (inflected forms and Swedish compounds give a long tail), set phrases, names,
 * amounts and dates, and one reference token that no other document has. Each document is a pure
 * function of (seed, index), so a run can be repeated and a needle query knows what it looks for.
 */
final class Corpus {

  enum Kind {
    PDF,
    DOCX,
    TXT,
    EML
  }

  enum Language {
    SV,
    EN
  }

  /** What a record says: the same for a filed document and a record written into the store. */
  record Content(
      int index,
      Language language,
      String recordClass,
      String department,
      LocalDate documentDate,
      String customerId,
      String title,
      String ref,
      String text) {

    String code() {
      return language == Language.SV ? "sv" : "en";
    }

    LocalDate fiscalYearEnd() {
      return FISCAL_YEAR_CLASSES.contains(recordClass)
          ? LocalDate.of(documentDate.getYear(), 12, 31)
          : null;
    }
  }

  /** A document to file over HTTP: its bytes in one of the four formats. */
  record Document(Content content, Kind kind, String fileName, byte[] bytes) {

    /** The JSON part {@code metadata} of the upload, tagged so a run can count its own records. */
    String metadataJson(String tag) {
      return metadataJson(tag, List.of(content.department()));
    }

    /**
     * As {@link #metadataJson(String)}, for a filer who may file only for {@code departments} (a
     * clerk): the record's department when it is one of them, else one of them chosen by index.
     */
    String metadataJson(String tag, List<String> departments) {
      String department =
          departments.contains(content.department())
              ? content.department()
              : departments.get(Math.floorMod(content.index(), departments.size()));
      StringBuilder json = new StringBuilder("{");
      json.append("\"recordClass\":\"").append(content.recordClass()).append('"');
      json.append(",\"title\":\"").append(content.title()).append('"');
      json.append(",\"department\":\"").append(department).append('"');
      json.append(",\"documentDate\":\"").append(content.documentDate()).append('"');
      if (content.fiscalYearEnd() != null) {
        json.append(",\"fiscalYearEnd\":\"").append(content.fiscalYearEnd()).append('"');
      }
      json.append(",\"keys\":{\"customerId\":\"").append(content.customerId()).append("\"}");
      json.append(",\"tags\":[\"").append(tag).append("\"]}");
      return json.toString();
    }
  }

  static final List<String> RECORD_CLASSES =
      List.of(
          "ACC-VOUCHER",
          "PAYROLL",
          "EXPENSE",
          "TAX-STATEMENT",
          "TRADE-CONFIRMATION",
          "PAYMENT-ORDER",
          "KYC",
          "ACCOUNT-AGREEMENT",
          "HR-FILE",
          "CORRESPONDENCE");

  private static final Set<String> FISCAL_YEAR_CLASSES =
      Set.of("ACC-VOUCHER", "PAYROLL", "EXPENSE");

  private static final List<String> CLASS_TITLES_SV =
      List.of(
          "Verifikation",
          "Lönelista",
          "Reseräkning",
          "Kontrolluppgift",
          "Avräkningsnota",
          "Betalningsorder",
          "Kundkännedom",
          "Kontoavtal",
          "Personalakt",
          "Brev");

  private static final List<String> CLASS_TITLES_EN =
      List.of(
          "Voucher",
          "Payroll list",
          "Expense claim",
          "Tax statement",
          "Trade confirmation",
          "Payment order",
          "Due diligence file",
          "Account agreement",
          "Personnel file",
          "Letter");

  static final List<String> DEPARTMENTS =
      List.of("ACCOUNTING", "PAYROLL", "TREASURY", "CUSTOMER-SERVICE", "COMPLIANCE", "HR");

  private static final String[] FUNCTION_SV = {
    "och", "att", "i", "det", "som", "på", "är", "av", "för", "en", "med", "till", "den", "har",
    "de", "inte", "om", "ett", "vi", "kan", "ska", "från", "vid", "efter", "samt", "eller", "under",
    "detta", "denna", "dessa", "också", "även", "per", "enligt"
  };

  private static final String[] FUNCTION_EN = {
    "the", "of", "and", "to", "a", "in", "for", "is", "on", "that", "by", "with", "as", "at",
    "from", "this", "be", "are", "was", "will", "has", "have", "not", "or", "any", "all", "under",
    "per", "its", "our", "your"
  };

  private static final String[] CONTENT_SV = {
    "konto kontot konton kontona",
    "betalning betalningen betalningar betalningarna",
    "faktura fakturan fakturor fakturorna",
    "avtal avtalet avtalen",
    "kund kunden kunder kunderna kundens",
    "ränta räntan räntor",
    "lån lånet lånen",
    "bolag bolaget bolagen",
    "styrelse styrelsen styrelsens",
    "revision revisionen revisorn",
    "bokföring bokföringen",
    "verifikation verifikationen verifikationer verifikationerna",
    "räkenskapsår räkenskapsåret",
    "lön lönen löner lönerna",
    "skatt skatten skatter",
    "moms momsen",
    "deklaration deklarationen deklarationer",
    "arbetsgivare arbetsgivaren",
    "anställd anställda",
    "utbetalning utbetalningen utbetalningar",
    "insättning insättningen insättningar",
    "uttag uttaget",
    "saldo saldot",
    "överföring överföringen överföringar",
    "kredit krediten krediter",
    "säkerhet säkerheten säkerheter",
    "borgen borgenär borgenären",
    "bank banken banker",
    "kontor kontoret",
    "handling handlingen handlingar handlingarna",
    "arkiv arkivet",
    "beslut beslutet besluten",
    "protokoll protokollet",
    "granskning granskningen",
    "rapport rapporten rapporter",
    "kvartal kvartalet",
    "månad månaden månader",
    "period perioden",
    "belopp beloppet beloppen",
    "summa summan",
    "avgift avgiften avgifter",
    "provision provisionen",
    "valuta valutan",
    "kurs kursen",
    "aktie aktien aktier",
    "fond fonden fonder",
    "värdepapper värdepapperen",
    "depå depån",
    "order ordern",
    "avräkning avräkningen",
    "likvid likviden",
    "motpart motparten",
    "leverantör leverantören leverantörer",
    "förfallodag förfallodagen",
    "påminnelse påminnelsen",
    "kontroll kontrollen kontroller",
    "ansökan ansökningar",
    "underlag underlaget",
    "intyg intyget",
    "legitimation legitimationen",
    "kundkännedom",
    "penningtvätt",
    "risk risken risker",
    "bedömning bedömningen",
    "anmälan",
    "reklamation reklamationen",
    "ersättning ersättningen",
    "reseräkning reseräkningen",
    "utlägg utlägget",
    "kvitto kvittot kvitton",
    "traktamente",
    "semester semestern",
    "pension pensionen",
    "förmån förmånen förmåner",
    "kostnad kostnaden kostnader",
    "intäkt intäkter",
    "resultat resultatet",
    "balansräkning balansräkningen",
    "tillgång tillgångar",
    "skuld skulden skulder",
    "ärende ärendet ärenden",
    "villkor villkoren",
    "underskrift underskriften",
    "bilaga bilagan bilagor",
    "datum datumet",
    "år året",
    "godkänd godkände godkänt",
    "mottagen mottagna",
    "registrerad registrerades",
    "bokförd bokfördes",
    "betald betalades betalas",
    "förfallen",
    "gällande",
    "tidigare",
    "nästa",
    "aktuell aktuella",
    "begär begärde begärd",
    "avslutad avslutades",
    "öppnad",
    "signerad signerades",
    "granskad granskades",
    "attesterad attesterades",
    "utbetald",
    "beviljad beviljades",
    "avslagen",
    "ändrad ändrades",
    "ny nya",
    "slutlig slutliga",
    "preliminär preliminära",
    "årlig årliga",
    "månatlig",
    "särskild särskilda",
    "skickas skickades",
    "sker",
    "gäller",
    "bifogas bifogade",
    "återbetalas",
    "debiteras",
    "krediteras",
    "hanteras",
    "arkiveras",
    "sparas"
  };

  private static final String[] COMPOUND_HEADS = {
    "kund",
    "konto",
    "betalnings",
    "löne",
    "skatte",
    "avtals",
    "ränte",
    "låne",
    "bank",
    "kredit",
    "depå",
    "fond",
    "valuta",
    "revisions",
    "moms",
    "faktura",
    "order",
    "leverantörs",
    "arkiv",
    "kontroll",
    "pensions",
    "aktie",
    "säkerhets",
    "risk"
  };

  private static final String[] COMPOUND_TAILS = {
    "nummer", "underlag", "avtal", "period", "besked", "lista", "rapport", "avgift", "ärende",
    "register", "beslut", "saldo", "villkor", "datum", "belopp", "handling", "kontroll", "uppgift",
    "plan", "mottagare"
  };

  private static final String[] CONTENT_EN = {
    "account accounts",
    "payment payments",
    "invoice invoices invoiced",
    "agreement agreements",
    "customer customers",
    "interest",
    "loan loans",
    "company companies",
    "board",
    "audit audits audited auditor",
    "ledger ledgers",
    "voucher vouchers",
    "fiscal",
    "year years",
    "salary salaries",
    "tax taxes",
    "return returns",
    "employer employers",
    "employee employees",
    "transfer transfers transferred",
    "deposit deposits",
    "withdrawal withdrawals",
    "balance balances",
    "credit credited",
    "collateral",
    "guarantee guarantees",
    "bank banks banking",
    "branch",
    "document documents documented",
    "archive archived archiving",
    "decision decisions",
    "minutes",
    "review reviewed reviewing",
    "report reports reported reporting",
    "quarter quarterly",
    "month monthly",
    "period periods",
    "amount amounts",
    "total totals",
    "fee fees",
    "commission commissions",
    "currency currencies",
    "rate rates",
    "share shares",
    "fund funds",
    "securities",
    "custody",
    "order orders ordered",
    "settlement settlements settled",
    "counterparty",
    "supplier suppliers",
    "due",
    "date dates dated",
    "reminder reminders",
    "collection",
    "control controls",
    "application applications",
    "statement statements",
    "certificate",
    "identity",
    "verification verified",
    "diligence",
    "laundering",
    "risk risks",
    "assessment assessments",
    "notification",
    "complaint complaints",
    "compensation",
    "expense expenses",
    "claim claims claimed",
    "receipt receipts received",
    "allowance",
    "holiday",
    "leave",
    "pension pensions",
    "benefit benefits",
    "cost costs",
    "revenue",
    "result results",
    "asset assets",
    "liability liabilities",
    "equity",
    "trade trades traded trading",
    "confirmation confirmed",
    "holder",
    "signature signed",
    "approval approved",
    "terms",
    "condition conditions",
    "attachment attached",
    "case cases",
    "request requested",
    "reference",
    "payable",
    "receivable",
    "overdue",
    "final",
    "preliminary",
    "annual",
    "new",
    "previous",
    "current",
    "following",
    "pending",
    "processed",
    "rejected",
    "closed",
    "opened",
    "updated",
    "issued",
    "submitted",
    "mortgage mortgages",
    "portfolio portfolios",
    "dividend dividends",
    "refund refunds refunded",
    "overdraft",
    "beneficiary beneficiaries",
    "remittance",
    "clearing",
    "reconciliation reconciled",
    "journal journals",
    "accrual accruals",
    "depreciation",
    "payslip payslips",
    "timesheet timesheets",
    "contract contracts",
    "policy policies",
    "limit limits",
    "exposure",
    "margin margins",
    "brokerage",
    "custodian",
    "instruction instructions",
    "authorisation authorised",
    "sanctions",
    "screening",
    "onboarding",
    "residence",
    "citizenship",
    "employment",
    "termination",
    "probation",
    "overtime",
    "bonus bonuses",
    "mileage",
    "lodging",
    "travel travelled",
    "meal meals",
    "client clients",
    "correspondence",
    "enquiry enquiries",
    "response responses",
    "letter letters"
  };

  private static final String[][] PHRASES_SV = {
    {"enligt", "avtal"},
    {"enligt", "gällande", "villkor"},
    {"kundens", "konto"},
    {"betalning", "mottagen"},
    {"räkenskapsåret", "avslutades"},
    {"styrelsens", "beslut"},
    {"attesterad", "av"},
    {"utbetalning", "sker"},
    {"med", "vänliga", "hälsningar"},
    {"bifogade", "handlingar"}
  };

  private static final String[][] PHRASES_EN = {
    {"the", "account", "holder"},
    {"payment", "received"},
    {"in", "accordance", "with"},
    {"the", "fiscal", "year"},
    {"board", "of", "directors"},
    {"kind", "regards"},
    {"settlement", "date"},
    {"due", "diligence"},
    {"attached", "documents"},
    {"terms", "and", "conditions"}
  };

  private static final String[] FIRST_NAMES = {
    "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders", "Sara", "Per", "Lena",
    "Mikael", "Emma", "Oskar", "Ingrid", "Nils", "Astrid", "Gustav", "Elin", "Henrik"
  };

  private static final String[] SURNAMES = {
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson",
    "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Olofsson", "Lindqvist", "Lindgren", "Berg",
    "Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren", "Lundqvist", "Mattsson", "Berglund",
    "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg", "Wallin", "Engström", "Eklund",
    "Danielsson", "Lundin", "Håkansson", "Björk", "Bergman", "Gunnarsson", "Holm", "Wikström",
    "Samuelsson", "Isaksson"
  };

  private static final String[] COMPANY_KINDS = {
    "Bygg", "Fastigheter", "Konsult", "Invest", "Transport", "Handel", "Förvaltning", "Data"
  };

  /** Zipf exponent: a little steeper than 1, as word frequencies in real text are. */
  private static final double ZIPF = 1.07;

  private final long seed;
  private final Vocabulary swedish;
  private final Vocabulary english;

  Corpus(long seed) {
    this.seed = seed;
    Random shuffle = new Random(seed);
    Set<String> sv = new LinkedHashSet<>();
    for (String forms : CONTENT_SV) {
      sv.addAll(Arrays.asList(forms.split(" ")));
    }
    for (String head : COMPOUND_HEADS) {
      for (String tail : COMPOUND_TAILS) {
        sv.add(head + tail);
      }
    }
    Set<String> en = new LinkedHashSet<>();
    for (String forms : CONTENT_EN) {
      en.addAll(Arrays.asList(forms.split(" ")));
    }
    this.swedish = new Vocabulary(FUNCTION_SV, new ArrayList<>(sv), shuffle);
    this.english = new Vocabulary(FUNCTION_EN, new ArrayList<>(en), shuffle);
  }

  /** Content words of a language, most frequent first (function words left out). */
  List<String> contentByRank(Language language) {
    return Collections.unmodifiableList(vocabulary(language).content);
  }

  List<String> phrases(Language language) {
    List<String> phrases = new ArrayList<>();
    for (String[] phrase : language == Language.SV ? PHRASES_SV : PHRASES_EN) {
      phrases.add(String.join(" ", phrase));
    }
    return phrases;
  }

  /** Prefixes that expand to many terms, as a clerk types them ({@code kund*}). */
  List<String> prefixes() {
    return List.of(
        "kund",
        "betalnings",
        "löne",
        "skatte",
        "konto",
        "faktur",
        "settl",
        "pay",
        "invoic",
        "account",
        "revisions",
        "transfer");
  }

  /** The content of record {@code index}, with {@code minWords} to {@code maxWords} of text. */
  Content content(int index, int minWords, int maxWords) {
    Random random = random(index);
    Language language = random.nextInt(100) < 60 ? Language.SV : Language.EN;
    int classIndex = random.nextInt(RECORD_CLASSES.size());
    String recordClass = RECORD_CLASSES.get(classIndex);
    String department = DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()));
    LocalDate documentDate = LocalDate.of(2015, 1, 1).plusDays(random.nextInt(11 * 365));
    String customerId = "K" + (100000 + random.nextInt(900000));
    String ref = ref(index, random);
    String surname = pick(random, SURNAMES);
    String title =
        (language == Language.SV ? CLASS_TITLES_SV : CLASS_TITLES_EN).get(classIndex)
            + " "
            + documentDate.getYear()
            + "-"
            + String.format("%04d", random.nextInt(10000))
            + " "
            + surname;
    int words = minWords + random.nextInt(Math.max(1, maxWords - minWords + 1));
    String text = text(random, language, words, ref, surname);
    return new Content(
        index, language, recordClass, department, documentDate, customerId, title, ref, text);
  }

  /** A document of record {@code index} in a format chosen for it: PDF, DOCX, text or e-mail. */
  Document document(int index) {
    int roll = random(index ^ 0x5bd1e995).nextInt(100);
    Kind kind = roll < 40 ? Kind.PDF : roll < 65 ? Kind.DOCX : roll < 90 ? Kind.TXT : Kind.EML;
    // A PDF page holds about 45 lines of 90 characters, so keep those within one page.
    Content content = kind == Kind.PDF ? content(index, 80, 420) : content(index, 80, 500);
    String base = content.title().toLowerCase(Locale.ROOT).replace(' ', '-') + "-" + content.ref();
    List<String> lines = wrap(content.text(), kind == Kind.PDF ? 90 : 72);
    return switch (kind) {
      case PDF ->
          new Document(
              content,
              kind,
              base + ".pdf",
              TestDocuments.pdf(
                  lines.subList(0, Math.min(45, lines.size())).toArray(String[]::new)));
      case DOCX ->
          new Document(
              content, kind, base + ".docx", TestDocuments.docx(paragraphs(content.text())));
      case TXT ->
          new Document(
              content,
              kind,
              base + ".txt",
              (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
      case EML -> {
        String text = content.text();
        int half = text.indexOf(". ", text.length() / 2);
        String body = half < 0 ? text : text.substring(0, half + 1);
        String attachment = half < 0 ? "" : text.substring(half + 2);
        yield new Document(
            content,
            kind,
            base + ".eml",
            TestDocuments.emlWithAttachment("Case " + content.ref(), body, attachment));
      }
    };
  }

  private Random random(int index) {
    return new Random(seed * 1_000_003L + index);
  }

  private static String ref(int index, Random random) {
    StringBuilder ref = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      ref.append((char) ('a' + random.nextInt(26)));
    }
    return ref.append(String.format("%07d", index)).toString();
  }

  private String text(Random random, Language language, int words, String ref, String surname) {
    Vocabulary vocabulary = vocabulary(language);
    String[][] phrases = language == Language.SV ? PHRASES_SV : PHRASES_EN;
    StringBuilder text = new StringBuilder();
    String person = pick(random, FIRST_NAMES) + " " + surname;
    String company = pick(random, SURNAMES) + " " + pick(random, COMPANY_KINDS) + " AB";
    text.append(
        language == Language.SV
            ? "Ärende " + ref + " avser " + person + " och " + company + ". "
            : "Reference " + ref + " concerns " + person + " and " + company + ". ");
    int written = 7;
    while (written < words) {
      List<String> sentence = new ArrayList<>();
      int length = 6 + random.nextInt(11);
      for (int i = 0; i < length; i++) {
        sentence.add(vocabulary.sample(random));
      }
      if (random.nextInt(100) < 15) {
        String[] phrase = phrases[random.nextInt(phrases.length)];
        sentence.addAll(random.nextInt(sentence.size()), Arrays.asList(phrase));
      }
      int extra = random.nextInt(100);
      if (extra < 8) {
        sentence.add(amount(random, language));
      } else if (extra < 14) {
        sentence.add(LocalDate.of(2015, 1, 1).plusDays(random.nextInt(4000)).toString());
      } else if (extra < 18) {
        sentence.add(pick(random, FIRST_NAMES) + " " + pick(random, SURNAMES));
      }
      String first = sentence.get(0);
      sentence.set(0, Character.toUpperCase(first.charAt(0)) + first.substring(1));
      text.append(String.join(" ", sentence)).append(". ");
      written += sentence.size();
    }
    return text.toString().strip();
  }

  private static String amount(Random random, Language language) {
    int kronor = 100 + random.nextInt(250_000);
    int ore = random.nextInt(100);
    return language == Language.SV
        ? String.format(Locale.ROOT, "%d,%02d kr", kronor, ore)
        : String.format(Locale.ROOT, "SEK %d.%02d", kronor, ore);
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private Vocabulary vocabulary(Language language) {
    return language == Language.SV ? swedish : english;
  }

  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static String[] paragraphs(String text) {
    String[] sentences = text.split("(?<=\\.) ");
    List<String> paragraphs = new ArrayList<>();
    for (int i = 0; i < sentences.length; i += 4) {
      paragraphs.add(
          String.join(" ", Arrays.copyOfRange(sentences, i, Math.min(i + 4, sentences.length))));
    }
    return paragraphs.toArray(String[]::new);
  }

  /** Function words first, then content words in a shuffled (seeded) order, Zipf-sampled. */
  private static final class Vocabulary {
    private final String[] words;
    private final List<String> content;
    private final double[] cumulative;

    Vocabulary(String[] function, List<String> content, Random shuffle) {
      List<String> shuffled = new ArrayList<>(content);
      Collections.shuffle(shuffled, shuffle);
      this.content = shuffled;
      List<String> all = new ArrayList<>(Arrays.asList(function));
      all.addAll(shuffled);
      this.words = all.toArray(String[]::new);
      this.cumulative = new double[words.length];
      double sum = 0;
      for (int rank = 0; rank < words.length; rank++) {
        sum += 1 / Math.pow(rank + 1, ZIPF);
        cumulative[rank] = sum;
      }
      for (int rank = 0; rank < words.length; rank++) {
        cumulative[rank] /= sum;
      }
    }

    String sample(Random random) {
      int at = Arrays.binarySearch(cumulative, random.nextDouble());
      return words[Math.min(words.length - 1, at < 0 ? -at - 1 : at)];
    }
  }
}
