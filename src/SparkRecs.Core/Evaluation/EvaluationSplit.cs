using SparkRecs.Core.Data;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// A split as a value: the training table (with its own key indexes holding only what training saw),
/// the test events mapped into training id space, what was done, and the counts.
/// </summary>
/// <param name="Train">
/// A new table whose <see cref="InteractionTable.UserKeys"/> and <see cref="InteractionTable.ItemKeys"/>
/// contain only users and items with a training event, so everything learned from it (id maps,
/// popularity, propensities, models) is free of test information.
/// </param>
/// <param name="Test">The held-out events, with train-space ids or -1 for cold users and items.</param>
/// <param name="Description">The protocol, for reports.</param>
/// <param name="Counts">Rows, users, and cold shares.</param>
public sealed record EvaluationSplit(
    InteractionTable Train,
    TestSet Test,
    SplitDescription Description,
    SplitCounts Counts);
