package org.almasim.app.bench;

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
}
