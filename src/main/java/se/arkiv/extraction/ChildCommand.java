package se.arkiv.extraction;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of an extraction child: the service's own java and classpath, a heap of its own,
 * exit at the first OutOfMemoryError, and a lower CPU priority than the service. From the
 * executable jar the child starts through Spring Boot's launcher, which reads the nested jars.
 */
record ChildCommand(List<String> args) {

  private static final String MAIN = ExtractionChildMain.class.getName();
  private static final String BOOT_LAUNCHER =
      "org.springframework.boot.loader.launch.PropertiesLauncher";
  private static final Path NICE = Path.of("/usr/bin/nice");

  static ChildCommand of(ExtractionSettings settings, Path tmp) {
    List<String> args = new ArrayList<>();
    if (settings.childNice() > 0 && Files.isExecutable(NICE)) {
      args.addAll(List.of(NICE.toString(), "-n", Integer.toString(settings.childNice())));
    }
    args.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    args.add("-Xmx" + settings.childHeap().toMegabytes() + "m");
    args.add("-XX:+ExitOnOutOfMemoryError");
    // One parse at a time in a small heap: the serial collector costs least, in threads too.
    args.add("-XX:+UseSerialGC");
    // Deeply nested documents recurse in some parsers; a StackOverflowError there is a LIMIT.
    args.add("-Xss8m");
    args.add("-Djava.awt.headless=true");
    args.add("-Dfile.encoding=UTF-8");
    args.add("-Djava.io.tmpdir=" + tmp.toAbsolutePath());
    args.addAll(settings.childJvmOptions());
    if (launchedFromExecutableJar()) {
      String jar = System.getProperty("java.class.path");
      args.addAll(List.of("-cp", jar, "-Dloader.main=" + MAIN, BOOT_LAUNCHER));
    } else {
      args.addAll(List.of("-cp", classpath(), MAIN));
    }
    return new ChildCommand(List.copyOf(args));
  }

  /**
   * The classpath the service's classes came from: the JVM's own, unless they were loaded by a
   * class loader of their own (Maven's exec:java, which the benchmarks use).
   */
  private static String classpath() {
    if (ChildCommand.class.getClassLoader() instanceof URLClassLoader loader
        && loader != ClassLoader.getSystemClassLoader()) {
      List<String> entries = new ArrayList<>();
      for (URL url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException notAFile) {
          // a class loader entry that is no file cannot be handed to a child JVM
        }
      }
      return String.join(File.pathSeparator, entries);
    }
    return System.getProperty("java.class.path");
  }

  private static boolean launchedFromExecutableJar() {
    ClassLoader loader = ChildCommand.class.getClassLoader();
    String classpath = System.getProperty("java.class.path", "");
    return loader != null
        && loader.getClass().getName().startsWith("org.springframework.boot.loader")
        && !classpath.contains(File.pathSeparator);
  }
}
