using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Row and user counts of a split, so a report shows how much data each number rests on and how
/// much of the test window could not be scored (cold users and cold items).
/// </summary>
/// <param name="TrainRows">Events in the training window.</param>
/// <param name="TrainUsers">Distinct users in training (the model's users).</param>
/// <param name="TrainItems">Distinct items in training (the candidate catalogue).</param>
/// <param name="TestRows">Events in the test window.</param>
/// <param name="ColdUserTestRows">Test events of users with no training history.</param>
/// <param name="ColdUsers">Distinct cold users in the test window (reported separately, never in the headline averages).</param>
/// <param name="ColdItemTestRows">Test events on items that did not exist in training (they can never be recommended).</param>
/// <param name="ColdItemShare">ColdItemTestRows / TestRows (0 when the test window is empty).</param>
/// <param name="OutsideWindowRows">Events after the test horizon, in neither window.</param>
public sealed record SplitCounts(
    [property: JsonPropertyName("train_rows")] int TrainRows,
    [property: JsonPropertyName("train_users")] int TrainUsers,
    [property: JsonPropertyName("train_items")] int TrainItems,
    [property: JsonPropertyName("test_rows")] int TestRows,
    [property: JsonPropertyName("cold_user_test_rows")] int ColdUserTestRows,
    [property: JsonPropertyName("cold_users")] int ColdUsers,
    [property: JsonPropertyName("cold_item_test_rows")] int ColdItemTestRows,
    [property: JsonPropertyName("cold_item_share")] double ColdItemShare,
    [property: JsonPropertyName("outside_window_rows")] int OutsideWindowRows);
