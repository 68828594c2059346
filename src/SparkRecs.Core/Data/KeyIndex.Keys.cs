using System.Collections;

namespace SparkRecs.Core.Data;

public sealed partial class KeyIndex
{
    /// <summary>The live, read-only view behind <see cref="Keys"/>: entry <c>i</c> is <see cref="KeyOf"/>(i).</summary>
    private sealed class KeyList(KeyIndex index) : IReadOnlyList<string>
    {
        public int Count => index.Count;

        public string this[int id] => index.KeyOf(id);

        public IEnumerator<string> GetEnumerator()
        {
            for (int id = 0; id < index.Count; id++)
            {
                yield return index.KeyOf(id);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
