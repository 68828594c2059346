using SparkRecs.Core.Errors;

namespace SparkRecs.Warehouse.Validation;

/// <summary>
/// The configured event types with their weights, looked up by span (case-insensitive) without
/// allocating. Type ids are 1-based; 0 stands for "no event type column".
/// </summary>
internal sealed class EventWeightTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<float> _weights = [0f];

    public EventWeightTable(IReadOnlyDictionary<string, float> weights)
    {
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach ((string type, float weight) in weights)
        {
            string name = type.Trim();
            if (!_ids.TryAdd(name, _weights.Count))
            {
                throw new ConfigurationException("ingest:eventWeights", $"names '{name}' twice (names are case-insensitive); keep one entry.");
            }
            if (_weights.Count > ushort.MaxValue)
            {
                throw new ConfigurationException("ingest:eventWeights", $"has more than {ushort.MaxValue} event types.");
            }
            _weights.Add(weight);
        }
    }

    /// <summary>Finds the type id and weight of <paramref name="type"/>; false for a type not configured.</summary>
    public bool TryGet(ReadOnlySpan<char> type, out ushort id, out float weight)
    {
        if (_lookup.TryGetValue(type, out int found))
        {
            id = (ushort)found;
            weight = _weights[found];
            return true;
        }
        id = 0;
        weight = 0;
        return false;
    }
}
