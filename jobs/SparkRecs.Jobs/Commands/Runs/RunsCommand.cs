using System.Globalization;

namespace SparkRecs.Jobs.Commands.Runs;

/// <summary><c>sparkrecs runs [--model NAME]</c>: the run registry of a model, newest first, with what is live.</summary>
internal static class RunsCommand
{
    public static int Execute(CommandArguments args, CancellationToken ct)
    {
        var (config, connect) = PostgresCommandBase.Load(args);
        return Run(config.Run.Model, connect, ct).GetAwaiter().GetResult();
    }

    private static async Task<int> Run(string model, Func<CancellationToken, Task<Postgres.PostgresTarget>> connect, CancellationToken ct)
    {
        await using var target = await connect(ct);
        var runs = await target.Publisher.ListRunsAsync(model, ct);
        if (runs.Count == 0)
        {
            Console.WriteLine($"model '{model}' has no runs in {target.ConnectionString}");
            return 0;
        }
        Console.WriteLine($"{"run",6}  {"status",-8}  {"created (UTC)",-19}  {"published (UTC)",-19}  {"users",9}  {"items",8}  {"window",-23}  note");
        foreach (var r in runs)
        {
            string window = r.WindowFrom is { } f && r.WindowTo is { } t ? $"{f:yyyy-MM-dd}..{t:yyyy-MM-dd}" : "";
            string note = r.Failure ?? (r.TablesDroppedAt is not null ? "tables dropped by retention" : "");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.RunId,6}  {r.Status.ToString().ToLowerInvariant(),-8}  {r.CreatedAt.UtcDateTime,-19:yyyy-MM-dd HH:mm:ss}  {(r.PublishedAt is { } p ? p.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : ""),-19}  {r.UserCount,9:N0}  {r.ItemCount,8:N0}  {window,-23}  {Shorten(note)}"));
        }
        return 0;
    }

    private static string Shorten(string note) => note.Length <= 80 ? note : note[..77] + "...";
}
