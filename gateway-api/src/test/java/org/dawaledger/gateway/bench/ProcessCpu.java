package org.dawaledger.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time so far, from Linux's {@code /proc/PID/stat}: how the benchmark weighs what a server cost. */
public final class ProcessCpu {
    /** Linux's USER_HZ, the unit of /proc's CPU times, on every architecture it runs on here. */
    private static final double TICKS_PER_SECOND = 100;

    private final Path stat;

    private ProcessCpu(final Path stat) {
        this.stat = stat;
    }

    /** The process with that id. */
    public static ProcessCpu of(final String pid) {
        return new ProcessCpu(Path.of("/proc", pid, "stat"));
    }

    /** User and system time so far, in seconds. */
    public double seconds() throws IOException {
        // After the command's name, which is in brackets and may hold spaces: utime and stime are the 12th and 13th.
        final String line = Files.readString(stat);
        final String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }
}
