package io.promo.app.http.planted;

import picocli.CommandLine;

/** A planted violation (test code only): a class other than Main that parses a command line. */
public class HttpClassParsingACommandLine {
    CommandLine commandLine;
}
