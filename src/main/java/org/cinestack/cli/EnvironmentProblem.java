package org.cinestack.cli;

import java.util.Locale;

/**
 * Recognises a failure of the machine rather than of the input: a native library that cannot be loaded (FFmpeg or
 * OpenCV through JavaCPP), a system library missing or too old, a full disk. Such a failure ends the command with exit code
 * {@link #EXIT} and one message saying what is missing and the one command that fixes it, never a stack trace.
 */
final class EnvironmentProblem {
    /** Exit code for a problem of the machine (a missing native library, JDK or tool). */
    static final int EXIT = 3;

    private EnvironmentProblem() {
    }

    /**
     * Says a machine problem in one line (its stack trace only with {@code CINESTACK_DEBUG} set).
     *
     * @param message what {@link #describe} made of the failure
     * @param failure the failure
     * @param err     where to say it
     * @return {@link #EXIT}
     */
    static int report(String message, Throwable failure, java.io.PrintWriter err) {
        err.println("error: " + message);
        if (System.getenv("CINESTACK_DEBUG") != null) failure.printStackTrace(err);
        err.flush();
        return EXIT;
    }

    /**
     * @param failure what a command threw
     * @return the message for the user, or null when the failure is not the machine's
     */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            // ENOSPC, as Java says it and as FFmpeg numbers it (AVERROR(ENOSPC) = -28)
            if (m.contains("No space left on device") || m.matches("(?s).*error -28\\b.*")) {
                return "the disk is full (" + m.strip() + "); free some space (cinestack clean <film> removes the "
                    + "segments and masters no render uses) and render again: what was made is kept";
            }
            boolean nativeLoad = t instanceof UnsatisfiedLinkError
                || t instanceof NoClassDefFoundError && m.contains("org.bytedeco")
                || t instanceof ExceptionInInitializerError && String.valueOf(t.getCause()).contains("UnsatisfiedLink");
            java.util.regex.Matcher system = java.util.regex.Pattern.compile(
                "(lib[\\w.+-]+\\.so[\\w.]*): cannot open shared object file|version `(GLIBC[\\w.]*)' not found")
                .matcher(m);
            if (nativeLoad && system.find()) { // a library of the system, not of Cinestack's jars
                return system.group(1) != null ? "the system library " + system.group(1) + " is missing; install the "
                    + "Debian package that holds it (apt-file search " + system.group(1) + ", then sudo apt-get install "
                    + "it)" : "this system's C library is older than " + system.group(2) + ", which Cinestack's FFmpeg "
                    + "needs; run it on Debian 12 or newer";
            }
            if (nativeLoad) {
                String arch = System.getProperty("os.name") + " " + System.getProperty("os.arch");
                String library = m.replaceAll(".*no (jni\\w+).*", "$1").replaceAll("\\s+", " ");
                if (!arch.toLowerCase(Locale.ROOT).contains("linux") || !arch.contains("amd64")) {
                    return "Cinestack's native libraries (FFmpeg, OpenCV) are built for Linux x86-64 and this is "
                        + arch + " (" + library + "); run it on a Linux x86-64 machine";
                }
                return "a native library could not be loaded (" + library + "): the FFmpeg or OpenCV jar in "
                    + "target/lib/ is missing or damaged; rebuild it with: ./mvnw -B -DskipTests package";
            }
        }
        return null;
    }
}
