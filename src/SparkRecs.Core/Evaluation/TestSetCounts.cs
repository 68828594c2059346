using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>How the test events became per-user relevant sets; every report shows these.</summary>
/// <param name="EvaluableUsers">Warm users with at least one relevant test item that existed in training.</param>
/// <param name="EvaluatedUsers">Users actually evaluated (fewer than evaluable when <see cref="EvaluationOptions.MaxUsers"/> sampled).</param>
/// <param name="UsersWithOnlyColdRelevant">Warm users left out because every relevant test item was cold (or already theirs in training).</param>
/// <param name="RelevantItems">Sum of |R_u| over evaluated users (the recall denominators).</param>
/// <param name="ColdRelevantItems">Relevant events of evaluated users on cold items: never recommendable; in |R_u| as misses unless the options drop them.</param>
/// <param name="ColdRelevantShare">ColdRelevantItems / (warm relevant items + ColdRelevantItems) of evaluated users.</param>
/// <param name="RelevantAlreadyInTraining">Relevant test items of warm users that the user already had in training; removed from R_u because seen items are never recommended.</param>
/// <param name="ColdUserTestRows">Test events of users with no training history (reported, not in the averages).</param>
public sealed record TestSetCounts(
    [property: JsonPropertyName("evaluable_users")] int EvaluableUsers,
    [property: JsonPropertyName("evaluated_users")] int EvaluatedUsers,
    [property: JsonPropertyName("users_with_only_cold_relevant")] int UsersWithOnlyColdRelevant,
    [property: JsonPropertyName("relevant_items")] int RelevantItems,
    [property: JsonPropertyName("cold_relevant_items")] int ColdRelevantItems,
    [property: JsonPropertyName("cold_relevant_share")] double ColdRelevantShare,
    [property: JsonPropertyName("relevant_already_in_training")] int RelevantAlreadyInTraining,
    [property: JsonPropertyName("cold_user_test_rows")] int ColdUserTestRows);
