package org.cinestack;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cinestack.cli.Main;

/**
 * Runs a Cinestack command, then copies this process's memory map ({@code /proc/self/maps}: every shared library it
 * mapped and still holds) to a file, and exits with the command's code. Used by {@link BareMachineIT} in a child JVM.
 */
public final class ProcessMaps {
    private ProcessMaps() {
    }

    /**
     * @param args the file to write the map to, then the command's arguments
     * @throws Exception when the map cannot be copied
     */
    public static void main(String[] args) throws Exception {
        int rc = Main.run(java.util.Arrays.copyOfRange(args, 1, args.length));
        Files.copy(Path.of("/proc/self/maps"), Path.of(args[0]), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.exit(rc);
    }
}
