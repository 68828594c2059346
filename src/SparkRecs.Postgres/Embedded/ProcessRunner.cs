using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SparkRecs.Postgres.Embedded;

/// <summary>
/// Runs the PostgreSQL command-line programs, as the <c>postgres</c> OS user when this process is
/// root (the server refuses to run as root), capturing their output for error messages.
/// </summary>
internal static partial class ProcessRunner
{
    /// <summary>The OS account the server runs as when SparkRecs runs as root.</summary>
    public const string ServerUser = "postgres";

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    /// <summary>True when running as root on a Unix system.</summary>
    public static bool IsRoot => !OperatingSystem.IsWindows() && GetEffectiveUserId() == 0;

    /// <summary>The result of a finished program.</summary>
    public sealed record Result(int ExitCode, string Output);

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/> (as <see cref="ServerUser"/>
    /// when <paramref name="asServerUser"/> and root), waiting at most <paramref name="timeout"/>.
    /// Output is read asynchronously so a chatty program cannot block on a full pipe.
    /// </summary>
    public static async Task<Result> RunAsync(string program, IReadOnlyList<string> arguments, bool asServerUser, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (asServerUser && IsRoot)
        {
            start.FileName = "runuser";
            foreach (string a in new[] { "-u", ServerUser, "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = program;
        }
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = new Process { StartInfo = start };
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new SparkRecs.Core.Errors.PublishException($"Cannot run '{start.FileName}' ({ex.Message}). The embedded server needs PostgreSQL's programs and, when running as root, util-linux's runuser to run them as the '{ServerUser}' user.", ex);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:0} s.");
        }
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString().Trim());
        }
    }
}
