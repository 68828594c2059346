using System.Text;
using SparkRecs.Warehouse.Reading;

namespace SparkRecs.Warehouse.Validation;

/// <summary>
/// All rejections of an ingest: the per-file <see cref="FileRejections"/> merged in file order,
/// so the counts, the first rows kept for error messages and the quarantine file are the same
/// however many files were read in parallel.
/// </summary>
internal sealed class RejectionLog : IDisposable
{
    private readonly long[] _counts = new long[Enum.GetValues<RejectReason>().Length];
    private readonly List<RejectedRow> _first = [];
    private readonly StreamWriter? _quarantine;
    private readonly int _quarantineMax;

    public RejectionLog(string? quarantinePath, int quarantineMax)
    {
        _quarantineMax = quarantineMax;
        if (quarantinePath is not null)
        {
            _quarantine = new StreamWriter(quarantinePath, append: false, new UTF8Encoding(false));
            _quarantine.Write("file\tline\treason\tdetail\traw\n");
        }
    }

    /// <summary>Rejected rows in total.</summary>
    public long Total { get; private set; }

    /// <summary>Rows written to the quarantine file.</summary>
    public int Quarantined { get; private set; }

    /// <summary>The first <see cref="FileRejections.KeptSamples"/> rejected rows.</summary>
    public IReadOnlyList<RejectedRow> First => _first;

    /// <summary>Adds the rejections of the next file in order.</summary>
    public void Merge(FileRejections file)
    {
        ReadOnlySpan<long> counts = file.Counts;
        for (int i = 0; i < counts.Length; i++)
        {
            _counts[i] += counts[i];
        }
        Total += file.Total;
        foreach (RejectedRow row in file.First)
        {
            if (_first.Count < FileRejections.KeptSamples)
            {
                _first.Add(row);
            }
        }
        if (_quarantine is not null)
        {
            foreach (string line in file.QuarantineLines)
            {
                if (Quarantined >= _quarantineMax)
                {
                    break;
                }
                _quarantine.Write(line);
                Quarantined++;
            }
        }
    }

    /// <summary>Counts per reason, only reasons that occurred.</summary>
    public IReadOnlyDictionary<RejectReason, long> Counts()
    {
        var counts = new SortedDictionary<RejectReason, long>();
        for (int i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] > 0)
            {
                counts[(RejectReason)i] = _counts[i];
            }
        }
        return counts;
    }

    public void Dispose() => _quarantine?.Dispose();
}
