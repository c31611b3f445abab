package org.almasim.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a benchmark ran on, as every benchmark's first line states it: figures mean nothing without it. */
final class Machine {
    private Machine() {}

    static String line() {
        Runtime runtime = Runtime.getRuntime();
        return String.format(
                "machine: %d cores, max heap %d MB, %s %s",
                runtime.availableProcessors(),
                runtime.maxMemory() / (1024 * 1024),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
    }

    /** The heap in use just after a collection: what the process holds, its garbage aside. */
    static long heapInUse() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Starts the heap pools' peaks again from what they hold now, so that a step's own peak can be read. */
    static void resetHeapPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peaks since the JVM started or {@link #resetHeapPeaks()}: the most a step held. */
    static long heapPoolsPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }

    /** The process's resident memory, where the system tells it (Linux), as "N MB"; "unknown" elsewhere. */
    static String residentMemory() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> String.format("%,d MB", Long.parseLong(line.replaceAll("\\D", "")) / 1024))
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
