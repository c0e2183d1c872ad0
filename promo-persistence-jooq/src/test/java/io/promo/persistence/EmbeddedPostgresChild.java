package io.promo.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/**
 * A JVM of its own holding a persistent embedded server, as {@code ./promo serve} does, for the tests of what a signal
 * or a crash leaves behind ({@code EmbeddedPostgresExitTest}). Prints {@code started} once the server answers, then
 * waits to be signalled. With {@code owner-closes-last}, its own shutdown hook (promo's ordered close) uses the database
 * a moment after the signal, prints whether it could, then closes the server.
 */
public final class EmbeddedPostgresChild {

    private EmbeddedPostgresChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(Path.of(args[0]), Map.of());
        if (args.length > 1 && args[1].equals("owner-closes-last")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(1_000);
                    System.out.println(answers(server) ? "database answered at exit" : "database gone at exit");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    server.close();
                }
                System.out.flush();
            }));
        }
        System.out.println("started");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static boolean answers(EmbeddedPostgresServer server) {
        try (Connection connection = server.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select 1")) {
            return result.next();
        } catch (Exception e) {
            return false;
        }
    }
}
