using SparkRecs.Core.Errors;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Explicit-feedback accuracy: RMSE and MAE of predicted ratings over test events whose user and
/// item are both known at training time; the others are counted as skipped, never guessed.
/// </summary>
public static class RatingEvaluator
{
    /// <summary>Evaluates <paramref name="predict"/>(trainUser, trainItem) against the test ratings.</summary>
    /// <exception cref="TrainingException">The model predicted NaN or infinity for a known pair.</exception>
    public static RatingEvaluation Evaluate(Func<int, int, float> predict, TestSet test)
    {
        var users = test.Users;
        var items = test.Items;
        var values = test.Values;
        double squares = 0;
        double absolute = 0;
        int used = 0;
        for (int k = 0; k < test.Count; k++)
        {
            if (users[k] < 0 || items[k] < 0)
            {
                continue;
            }
            float predicted = predict(users[k], items[k]);
            if (!float.IsFinite(predicted))
            {
                throw new TrainingException($"The model predicted {predicted} for train user {users[k]} and item {items[k]} (test event {k}); check the factors for NaN (lower the learning rate or raise the regularization).");
            }
            double error = values[k] - (double)predicted;
            squares += error * error;
            absolute += Math.Abs(error);
            used++;
        }
        return used == 0
            ? new RatingEvaluation(null, null, 0, test.Count)
            : new RatingEvaluation(Math.Sqrt(squares / used), absolute / used, used, test.Count - used);
    }
}
