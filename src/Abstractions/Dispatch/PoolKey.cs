namespace PrintFarm.Dispatch;

/// <summary>
/// Jobs and printers meet in pools of one technology and one material. Each pool has its own
/// dispatcher grain, keyed by <see cref="Key"/> ("FDM/PLA").
/// </summary>
public readonly record struct PoolKey
{
    public PoolKey(string technology, string material)
    {
        Technology = technology.Trim().ToUpperInvariant();
        Material = material.Trim().ToUpperInvariant();
    }

    public string Technology { get; }
    public string Material { get; }

    /// <summary>The pool's dispatcher grain key.</summary>
    public string Key => $"{Technology}/{Material}";

    public override string ToString() => Key;

    /// <summary>Reads a dispatcher's key back; false for a key that is not a pool's.</summary>
    public static bool TryParse(string key, out PoolKey pool)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || slash == key.Length - 1)
        {
            pool = default;
            return false;
        }
        pool = new PoolKey(key[..slash], key[(slash + 1)..]);
        return true;
    }

    /// <summary>The pools a printer belongs to: its technology with each material it is loaded with.</summary>
    public static IEnumerable<PoolKey> Of(string technology, IEnumerable<string> materials) =>
        materials.Select(m => new PoolKey(technology, m)).Distinct();
}
