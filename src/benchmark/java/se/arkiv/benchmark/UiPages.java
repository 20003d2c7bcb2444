package se.arkiv.benchmark;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.UiSession;

/**
 * The UI's search page and record page, as a logged-in browser gets them, beside the JSON API for
 * the same queries. Each page request follows the same search over {@code /api/search} at once, so
 * that both see the same moment of a noisy machine and the ratio page/API is taken from pairs.
 */
final class UiPages {

  /** Latencies and sizes of the pages; {@code api} holds the paired API requests. */
  record Outcome(
      List<String> types,
      Map<String, Latencies> page,
      Map<String, Latencies> api,
      Map<String, Long> maxPageBytes,
      Map<String, Long> meanPageBytes,
      Map<String, Double> meanHitsShown,
      Latencies recordFromHit,
      Latencies recordBare,
      long recordMaxBytes,
      long recordMeanBytes,
      int recordsSampled,
      int fullTextsChecked,
      int fullTextsOnPage,
      int errors,
      String loadBefore,
      String loadAfter,
      String cpu) {}

  private static final Pattern HIT_LINK = Pattern.compile("class=\"hit-link\" href=\"([^\"]+)\"");

  private final ArkivClient api;
  private final String base;
  private final int queriesPerType;

  UiPages(ArkivClient api, String base, int queriesPerType) {
    this.api = api;
    this.base = base;
    this.queriesPerType = queriesPerType;
  }

  Outcome measure(Map<String, List<SearchLatencyBenchmark.Spec>> specs, Map<String, String> texts) {
    UiSession browser = new UiSession(base);
    if (!browser.login(RunningArkiv.AUDITOR, RunningArkiv.AUDITOR)) {
      throw new IllegalStateException("The auditor could not log in to the UI");
    }
    String loadBefore = ArkivBenchmark.loadAverage();
    System.out.println("UI pages (load average " + loadBefore + ")...");
    CpuMeter cpu = CpuMeter.start();
    // Warm-up, not counted: every query once as a page (Thymeleaf compiles its templates here).
    for (List<SearchLatencyBenchmark.Spec> list : specs.values()) {
      for (SearchLatencyBenchmark.Spec spec : list) {
        browser.get(path(spec));
      }
    }
    Map<String, Latencies> page = new LinkedHashMap<>();
    Map<String, Latencies> paired = new LinkedHashMap<>();
    Map<String, Long> maxBytes = new LinkedHashMap<>();
    Map<String, Long> sumBytes = new LinkedHashMap<>();
    Map<String, Long> hitsShown = new LinkedHashMap<>();
    for (String type : specs.keySet()) {
      page.put(type, new Latencies());
      paired.put(type, new Latencies());
      maxBytes.put(type, 0L);
      sumBytes.put(type, 0L);
      hitsShown.put(type, 0L);
    }
    List<String> hitLinks = new ArrayList<>();
    int errors = 0;
    int checked = 0;
    int leaked = 0;
    for (int round = 0; round < queriesPerType; round++) {
      for (Map.Entry<String, List<SearchLatencyBenchmark.Spec>> entry : specs.entrySet()) {
        String type = entry.getKey();
        SearchLatencyBenchmark.Spec spec = entry.getValue().get(round % entry.getValue().size());
        long started = System.nanoTime();
        ArkivClient.Response json =
            api.search(RunningArkiv.AUDITOR, SearchLatencyBenchmark.parameters(spec));
        paired.get(type).add(System.nanoTime() - started);
        started = System.nanoTime();
        UiSession.Page html = browser.get(path(spec));
        page.get(type).add(System.nanoTime() - started);
        if (json.status() != 200 || html.status() != 200) {
          if (errors++ == 0) {
            System.out.println("Page " + path(spec) + " answered " + html.status());
          }
          continue;
        }
        long bytes = html.body().getBytes(StandardCharsets.UTF_8).length;
        maxBytes.merge(type, bytes, Math::max);
        sumBytes.merge(type, bytes, Long::sum);
        List<String> links = hitLinks(html.body());
        hitsShown.merge(type, (long) links.size(), Long::sum);
        if (round == 0) {
          hitLinks.addAll(links);
        }
        // A record found by its reference: the end of its text must not be on the page (the
        // snippet is taken around the reference at the start); the page shows snippets only.
        String text = spec.q() == null ? null : texts.get(spec.q());
        if (text != null && round < entry.getValue().size()) {
          checked++;
          String end = text.substring(Math.max(0, text.length() - 120)).strip();
          if (html.body().contains(end)) {
            leaked++;
          }
        }
      }
    }
    // The record page as a hit's link opens it (with q and the position n, so next and previous
    // through the hit list are looked up), and by its bare URL.
    Latencies fromHit = new Latencies();
    Latencies bare = new Latencies();
    long recordMax = 0;
    long recordSum = 0;
    List<String> sample = hitLinks.stream().distinct().limit(200).toList();
    for (String link : sample.subList(0, Math.min(20, sample.size()))) {
      browser.get(link); // warm-up
    }
    for (String link : sample) {
      long started = System.nanoTime();
      UiSession.Page record = browser.get(link);
      fromHit.add(System.nanoTime() - started);
      String barePath = link.contains("?") ? link.substring(0, link.indexOf('?')) : link;
      started = System.nanoTime();
      UiSession.Page plain = browser.get(barePath);
      bare.add(System.nanoTime() - started);
      if (record.status() != 200 || plain.status() != 200) {
        if (errors++ == 0) {
          System.out.println("Record page " + link + " answered " + record.status());
        }
        continue;
      }
      long bytes = record.body().getBytes(StandardCharsets.UTF_8).length;
      recordMax = Math.max(recordMax, bytes);
      recordSum += bytes;
    }
    Map<String, Long> meanBytes = new LinkedHashMap<>();
    Map<String, Double> meanHits = new LinkedHashMap<>();
    sumBytes.forEach((type, sum) -> meanBytes.put(type, sum / Math.max(1, queriesPerType)));
    hitsShown.forEach((type, sum) -> meanHits.put(type, sum / (double) queriesPerType));
    return new Outcome(
        new ArrayList<>(specs.keySet()),
        page,
        paired,
        maxBytes,
        meanBytes,
        meanHits,
        fromHit,
        bare,
        recordMax,
        sample.isEmpty() ? 0 : recordSum / sample.size(),
        sample.size(),
        checked,
        leaked,
        errors,
        loadBefore,
        ArkivBenchmark.loadAverage(),
        cpu.describe());
  }

  /** The UI's search URL: the same parameters as the API request. */
  static String path(SearchLatencyBenchmark.Spec spec) {
    return "/search?"
        + SearchLatencyBenchmark.parameters(spec).entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
  }

  private static List<String> hitLinks(String html) {
    List<String> links = new ArrayList<>();
    Matcher matcher = HIT_LINK.matcher(html);
    while (matcher.find()) {
      links.add(HtmlUtils.htmlUnescape(matcher.group(1)));
    }
    return links;
  }
}
