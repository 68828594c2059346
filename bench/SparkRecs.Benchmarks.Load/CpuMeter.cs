using System.Diagnostics;
using System.Globalization;

namespace SparkRecs.Benchmarks.Load;

/// <summary>
/// CPU time of this process and of a local PostgreSQL cluster's processes (the children of its
/// postmaster, read from /proc), to tell whether a load is bound by the client or the server.
/// </summary>
internal sealed class CpuMeter(int? postmasterPid)
{
    private const double TicksPerSecond = 100.0; // USER_HZ on Linux

    public (TimeSpan Client, TimeSpan? Server) Sample() =>
        (Process.GetCurrentProcess().TotalProcessorTime, postmasterPid is int pid ? ServerCpu(pid) : null);

    private static TimeSpan? ServerCpu(int postmaster)
    {
        if (!Directory.Exists("/proc"))
        {
            return null;
        }
        double ticks = 0;
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }
            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the parenthesised command: state ppid ... utime(14) stime(15) cutime(16) cstime(17).
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                int parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (pid == postmaster || parent == postmaster)
                {
                    ticks += Field(fields, 11) + Field(fields, 12);
                }
                if (pid == postmaster)
                {
                    // Backends that have exited (psql's) live on in the postmaster's reaped-children times.
                    ticks += Field(fields, 13) + Field(fields, 14);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static double Field(string[] fields, int index) => double.Parse(fields[index], CultureInfo.InvariantCulture);
}
