namespace SparkRecs.Core.Baselines;

/// <summary>A ranked list of item ids with their scores, best first (e.g. the popular fallback list).</summary>
/// <param name="Items">Dense item ids, best first.</param>
/// <param name="Scores">Score of each item, aligned with <paramref name="Items"/>.</param>
public sealed record ScoredItems(int[] Items, float[] Scores);
