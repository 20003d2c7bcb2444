package se.arkiv.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How busy the machine was with other work while a part ran: the CPU time of the whole machine
 * ({@code /proc/stat}) less this process's own ({@code /proc/self/stat}), as a share of all cores.
 * On a shared machine this tells whether a number was measured alone.
 */
final class CpuMeter {

  private final long machineStart;
  private final long ownStart;
  private final long started = System.nanoTime();

  private CpuMeter(long machine, long own) {
    this.machineStart = machine;
    this.ownStart = own;
  }

  static CpuMeter start() {
    return new CpuMeter(machineBusyTicks(), ownTicks());
  }

  /** "this process x %, other processes y % of 2 cores", or "unknown" off Linux. */
  String describe() {
    long machine = machineBusyTicks() - machineStart;
    long own = ownTicks() - ownStart;
    if (machine < 0 || own < 0 || machineStart < 0 || ownStart < 0) {
      return "unknown";
    }
    int cores = Runtime.getRuntime().availableProcessors();
    double available = (System.nanoTime() - started) / 1e9 * TICKS_PER_SECOND * cores;
    return String.format(
        Locale.ROOT,
        "this process %.0f %%, other processes %.0f %% of %d cores",
        100 * own / available,
        100 * Math.max(0, machine - own) / available,
        cores);
  }

  /** USER_HZ: 100 on every Linux the JVM runs on. */
  private static final double TICKS_PER_SECOND = 100;

  private static long machineBusyTicks() {
    try {
      String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = line.trim().split("\\s+");
      long busy = 0;
      // user nice system idle iowait irq softirq steal: all but idle and iowait
      for (int i = 1; i <= 8 && i < f.length; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy;
    } catch (Exception e) {
      return -1;
    }
  }

  private static long ownTicks() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // Fields after the command name in parentheses; utime and stime are fields 14 and 15.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (Exception e) {
      return -1;
    }
  }
}
