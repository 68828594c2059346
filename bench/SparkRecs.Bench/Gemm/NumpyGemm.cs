using System.Diagnostics;
using System.Globalization;

namespace SparkRecs.Bench.Gemm;

/// <summary>
/// Times numpy's float32 matrix product (whatever BLAS numpy is linked to) in a child Python
/// process, with the BLAS thread count set to the benchmark's.
/// </summary>
/// <remarks>
/// The child also reports which BLAS library it loaded (from its memory map) and, for OpenBLAS,
/// which kernel family it picked: Debian's numpy defaults to the reference BLAS, tens of times
/// slower than an optimised one, and an OpenBLAS too old for the CPU falls back to AVX2 kernels.
/// Both are printed so a surprising GEMM rate explains itself. The child inherits the environment,
/// so <c>OPENBLAS_CORETYPE</c> and <c>LD_LIBRARY_PATH</c> set by the caller take effect.
/// </remarks>
internal static class NumpyGemm
{
    private const string Script = """
        import sys, time
        import numpy as np
        m, n, k, reps = (int(v) for v in sys.argv[1:5])
        rng = np.random.default_rng(1)
        a = rng.standard_normal((m, k), dtype=np.float32)
        b = rng.standard_normal((n, k), dtype=np.float32)
        c = np.empty((m, n), dtype=np.float32)
        np.matmul(a, b.T, out=c)
        for _ in range(reps):
            t, p = time.perf_counter(), time.process_time()
            np.matmul(a, b.T, out=c)
            print("seconds", time.perf_counter() - t, time.process_time() - p)
        with open("/proc/self/maps") as maps:
            libs = sorted({l.split()[-1] for l in maps if "blas" in l.lower() or "mkl" in l.lower()})
        print("numpy", np.__version__, "blas", " ".join(libs) or "unknown")
        """;

    /// <summary>
    /// Runs the product <paramref name="repetitions"/> times after one warm-up; returns null and a
    /// reason when the interpreter or numpy is missing or the child fails.
    /// </summary>
    public static GemmMeasurement? Measure(string python, int m, int n, int k, int repetitions, int threads, out string? failure)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        foreach (int value in new[] { m, n, k, repetitions })
        {
            start.ArgumentList.Add(value.ToString(CultureInfo.InvariantCulture));
        }
        string threadText = threads.ToString(CultureInfo.InvariantCulture);
        foreach (string variable in new[] { "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS" })
        {
            start.Environment[variable] = threadText;
        }
        start.Environment["OPENBLAS_VERBOSE"] = "2";

        string output, errors;
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("no process");
            var errorTask = process.StandardError.ReadToEndAsync();
            output = process.StandardOutput.ReadToEnd();
            errors = errorTask.GetAwaiter().GetResult();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                failure = $"{python} exited with code {process.ExitCode}: {LastLine(errors)}";
                return null;
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            failure = $"cannot start {python}: {e.Message}";
            return null;
        }

        var seconds = new Timings();
        var cpuSeconds = new Timings();
        string detail = "BLAS unknown";
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("seconds ", StringComparison.Ordinal))
            {
                var fields = line.Split(' ');
                seconds.Add(double.Parse(fields[1], CultureInfo.InvariantCulture));
                cpuSeconds.Add(double.Parse(fields[2], CultureInfo.InvariantCulture));
            }
            else if (line.StartsWith("numpy ", StringComparison.Ordinal))
            {
                detail = line;
            }
        }
        string? core = (errors + "\n" + output).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Core: ", StringComparison.Ordinal));
        if (core is not null)
        {
            detail += $" (OpenBLAS kernel {core["Core: ".Length..]})";
        }
        if (seconds.Count == 0)
        {
            failure = $"{python} printed no timing: {LastLine(errors)}";
            return null;
        }
        failure = null;
        return new GemmMeasurement("numpy", detail, m, n, k, seconds, cpuSeconds);
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";
}
