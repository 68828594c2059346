using SparkRecs.Core.Data;
using SparkRecs.Core.Errors;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Turns a per-row assignment (train, test, neither) into an <see cref="EvaluationSplit"/>: a fresh
/// training table with its own key indexes, and the test rows mapped into training id space.
/// </summary>
internal static class SplitBuilder
{
    internal const byte TrainRole = 0;
    internal const byte TestRole = 1;
    internal const byte OutsideRole = 2;

    /// <summary>Builds the split. Training ids are assigned in order of first training appearance.</summary>
    internal static EvaluationSplit Build(InteractionTable all, byte[] roles, SplitDescription description)
    {
        var users = all.Users;
        var items = all.Items;
        var values = all.Values;
        var timestamps = all.Timestamps;
        int n = all.Count;
        var userMap = NewMap(all.UserKeys.Count);
        var itemMap = NewMap(all.ItemKeys.Count);

        int trainRows = 0;
        int testRows = 0;
        for (int k = 0; k < n; k++)
        {
            CheckId(users[k], all.UserKeys.Count, k, "user");
            CheckId(items[k], all.ItemKeys.Count, k, "item");
            trainRows += roles[k] == TrainRole ? 1 : 0;
            testRows += roles[k] == TestRole ? 1 : 0;
        }

        var trainUserKeys = new KeyIndex();
        var trainItemKeys = new KeyIndex();
        var train = new InteractionTable(trainUserKeys, trainItemKeys, trainRows);
        for (int k = 0; k < n; k++)
        {
            if (roles[k] != TrainRole)
            {
                continue;
            }
            int u = users[k];
            int i = items[k];
            if (userMap[u] < 0)
            {
                userMap[u] = trainUserKeys.GetOrAddKeyOf(all.UserKeys, u);
            }
            if (itemMap[i] < 0)
            {
                itemMap[i] = trainItemKeys.GetOrAddKeyOf(all.ItemKeys, i);
            }
            train.Add(userMap[u], itemMap[i], values[k], timestamps[k]);
        }

        var testUsers = new int[testRows];
        var testItems = new int[testRows];
        var testValues = new float[testRows];
        var testTimes = new long[testRows];
        var coldUsers = new List<string>();
        var coldItems = new List<string>();
        var coldUserSeen = new HashSet<int>();
        var coldItemSeen = new HashSet<int>();
        int row = 0;
        for (int k = 0; k < n; k++)
        {
            if (roles[k] != TestRole)
            {
                continue;
            }
            int u = users[k];
            int i = items[k];
            testUsers[row] = userMap[u];
            testItems[row] = itemMap[i];
            testValues[row] = values[k];
            testTimes[row] = timestamps[k];
            if (userMap[u] < 0 && coldUserSeen.Add(u))
            {
                coldUsers.Add(all.UserKeys.KeyOf(u));
            }
            if (itemMap[i] < 0 && coldItemSeen.Add(i))
            {
                coldItems.Add(all.ItemKeys.KeyOf(i));
            }
            row++;
        }

        var test = new TestSet(testUsers, testItems, testValues, testTimes, null, coldUsers, coldItems);
        var counts = new SplitCounts(
            TrainRows: trainRows,
            TrainUsers: trainUserKeys.Count,
            TrainItems: trainItemKeys.Count,
            TestRows: testRows,
            ColdUserTestRows: test.ColdUserRows,
            ColdUsers: coldUsers.Count,
            ColdItemTestRows: test.ColdItemRows,
            ColdItemShare: test.ColdItemShare,
            OutsideWindowRows: n - trainRows - testRows);
        return new EvaluationSplit(train, test, description, counts);
    }

    private static int[] NewMap(int size)
    {
        var map = new int[size];
        Array.Fill(map, -1);
        return map;
    }

    private static void CheckId(int id, int count, int row, string what)
    {
        if ((uint)id >= (uint)count)
        {
            throw new DataException($"Interaction row {row} has {what} id {id}, outside its key index of {count} keys; the table was built with a different index.");
        }
    }
}
