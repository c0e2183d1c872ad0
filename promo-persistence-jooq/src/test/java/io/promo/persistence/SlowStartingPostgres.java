package io.promo.persistence;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * zonky's bundled PostgreSQL, except that its server process waits before it starts: a postmaster that starts late, as
 * on a loaded machine, played deterministically. Unix only (the delay is a shell script in front of {@code postgres}).
 *
 * <p>zonky runs the binaries it extracted into {@code <working directory>/PG-<archive's md5>} and takes such a
 * directory as ready when it holds {@code .exists}. This prepares one with a copy of {@code pg_ctl} (which finds
 * {@code postgres} beside its own real path) and a {@code postgres} script that sleeps, then runs the real one; a new
 * resolver instance keeps zonky from reusing the binaries it prepared for this JVM already.
 */
final class SlowStartingPostgres implements AutoCloseable {

    private static final List<String> SHARED = List.of("lib", "share");

    private final Path pgDir;
    private final UnaryOperator<EmbeddedPostgres.Builder> zonky;

    private SlowStartingPostgres(Path pgDir, UnaryOperator<EmbeddedPostgres.Builder> zonky) {
        this.pgDir = pgDir;
        this.zonky = zonky;
    }

    /** The adjustment of zonky's builder that makes it run these binaries. */
    UnaryOperator<EmbeddedPostgres.Builder> zonky() {
        return zonky;
    }

    /** Removes the links to the bundled libraries and data (not what they point to), before the copy is deleted. */
    @Override
    public void close() throws IOException {
        for (String shared : SHARED) {
            Files.deleteIfExists(pgDir.resolve(shared));
        }
    }

    /**
     * Binaries in {@code workingDirectory} whose server starts {@code delay} late.
     *
     * @param running a server of this JVM, to find the bundled binaries by its postmaster's command
     */
    static SlowStartingPostgres binaries(EmbeddedPostgresServer running, Path workingDirectory, Duration delay)
            throws IOException {
        Path realBin = bundledBin(running);
        Path pgDir = Files.createDirectories(workingDirectory.resolve(realBin.getParent().getFileName()));
        Path bin = Files.createDirectories(pgDir.resolve("bin"));
        for (String shared : SHARED) {
            Files.createSymbolicLink(pgDir.resolve(shared), realBin.resolveSibling(shared));
        }
        for (String tool : List.of("pg_ctl", "initdb")) {
            Files.copy(realBin.resolve(tool), bin.resolve(tool), StandardCopyOption.COPY_ATTRIBUTES);
        }
        // pg_ctl runs "postgres -V" to check the version before it starts the server: only the start waits.
        Path postgres = bin.resolve("postgres");
        Files.writeString(postgres, String.join("\n",
                "#!/bin/sh",
                "if [ \"$1\" != \"-V\" ]; then sleep " + delay.toMillis() / 1000.0 + "; fi",
                "exec '" + realBin.resolve("postgres") + "' \"$@\"",
                ""));
        Files.setPosixFilePermissions(postgres, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createFile(pgDir.resolve(".exists"));
        PgBinaryResolver sameArchive = DefaultPostgresBinaryResolver.INSTANCE::getPgBinary;
        return new SlowStartingPostgres(pgDir, builder -> builder.setPgBinaryResolver(sameArchive)
                .setOverrideWorkingDirectory(workingDirectory.toFile()));
    }

    /** The bundled binaries' directory, from the command of {@code running}'s postmaster. */
    private static Path bundledBin(EmbeddedPostgresServer running) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(running.dataDirectory().resolve("postmaster.pid")).get(0).trim());
        String command = ProcessHandle.of(pid).flatMap(process -> process.info().command())
                .orElseThrow(() -> new IllegalStateException("cannot see the command of postmaster " + pid));
        return Path.of(command).getParent();
    }
}
