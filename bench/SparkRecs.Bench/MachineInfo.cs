using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkRecs.Bench;

/// <summary>
/// Describes the machine a figure was measured on (printed beside every benchmark) and reads the
/// process's peak memory and the machine's load, which on a shared machine explain most of the
/// variation between runs.
/// </summary>
internal static class MachineInfo
{
    /// <summary>Cores, CPU model, memory, SIMD widths the JIT uses, runtime and OS, on one line.</summary>
    public static string Describe()
    {
        string cpu = FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        string? memTotal = FirstValue("/proc/meminfo", "MemTotal");
        string memory = memTotal is null
            ? "memory unknown"
            : $"{long.Parse(memTotal.Split(' ')[0], CultureInfo.InvariantCulture) / 1048576.0:0.0} GiB";
        return $"{Environment.ProcessorCount} cores ({cpu}), {memory}, SIMD {Simd()}, " +
               $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}";
    }

    /// <summary>Physical memory in bytes (MemTotal of /proc/meminfo), or the GC's view of available memory elsewhere.</summary>
    public static long TotalMemoryBytes()
    {
        string? memTotal = FirstValue("/proc/meminfo", "MemTotal");
        return memTotal is null
            ? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes
            : long.Parse(memTotal.Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "unknown".</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]} (1/5/15 min, {Environment.ProcessorCount} cores)";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    /// <summary>Processor time used by this process so far (all threads), in seconds.</summary>
    public static double ProcessorSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>Peak resident memory of this process so far, in MiB.</summary>
    public static double PeakMemoryMiB()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / 1048576.0;
    }

    private static string Simd()
    {
        string widest = Vector512.IsHardwareAccelerated ? "AVX-512 (Vector512)"
            : Vector256.IsHardwareAccelerated ? "AVX2 (Vector256)"
            : Vector128.IsHardwareAccelerated ? "128-bit"
            : "none";
        return $"{widest}, Vector<float> = {Vector<float>.Count} lanes, FMA {(System.Runtime.Intrinsics.X86.Fma.IsSupported ? "yes" : "no")}";
    }

    /// <summary>The value after "key :" on the first line of a /proc file that starts with the key.</summary>
    private static string? FirstValue(string path, string key)
    {
        try
        {
            string? line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
