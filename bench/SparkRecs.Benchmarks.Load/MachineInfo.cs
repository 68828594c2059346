using System.Globalization;
using System.Runtime.InteropServices;

namespace SparkRecs.Benchmarks.Load;

/// <summary>What the figures were measured on: printed with every result.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        double memoryGb = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        string cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores ({cpu}), {memoryGb:0.0} GB memory, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {load} at start");
    }
}
