namespace SparkRecs.Jobs;

/// <summary>Parses the command line and dispatches to a command.</summary>
internal static class CommandLine
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("usage: sparkrecs <run|sample|...> (commands are being assembled)");
        return args.Length == 0 ? 1 : 1;
    }
}
