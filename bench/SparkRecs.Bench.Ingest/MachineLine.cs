using System.Globalization;
using System.Runtime.InteropServices;

namespace SparkRecs.Bench.Ingest;

/// <summary>The machine line of every report: cores, CPU model, memory, OS, .NET and the load average.</summary>
internal static class MachineLine
{
    /// <summary>Describes this machine, with the 1-minute load average read now (call it at the end of the run).</summary>
    public static string Describe()
    {
        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        return string.Create(CultureInfo.InvariantCulture, $"machine: {Environment.ProcessorCount} cores ({cpu}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9:0.0} GB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {load} at the end (shared machine)");
    }
}
