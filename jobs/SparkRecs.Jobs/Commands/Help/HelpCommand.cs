namespace SparkRecs.Jobs.Commands.Help;

/// <summary><c>sparkrecs help</c>: the commands and where the configuration is documented.</summary>
internal static class HelpCommand
{
    public static int Print(TextWriter output)
    {
        output.WriteLine("""
            sparkrecs <command> [--conf FILE] [--section:key VALUE | --set section:key=VALUE]...

            commands
              run      the whole job: ingest -> split -> train -> evaluate (gate) -> recommend -> files -> publish
                       flags: --conf FILE, --no-publish
              schedule keep running and fire the whole job on schedule:cron (Quartz.NET); one log line per
                       firing; SIGTERM/Ctrl-C stops gracefully (a running firing is cancelled, nothing half-published)
                       flags: --conf FILE, --cron "0 0 2 * * ?", --max-runs N, --run-on-start, --no-publish
              sample   write the deterministic sample warehouse
                       flags: --out DIR, --users N, --items N, --events N, --days N, --seed N, --ratings true|false
              runs     the run registry of a model in Postgres (flags: --model NAME)
              rollback make an earlier run live again (flags: --model NAME, --to RUN_ID; default: the previous live run)
              pg       the embedded PostgreSQL: pg start | pg stop | pg status
              help     this text

            Configuration: JSON (--conf), then SPARKRECS_SECTION__KEY environment variables, then
            --section:key VALUE flags; every key is listed in the README's configuration reference.
            Exit codes: 0 ok, 1 unexpected, 2 configuration, 3 data, 4 training, 5 gate refused,
                        6 publish failed, 130 cancelled.
            """);
        return 0;
    }
}
