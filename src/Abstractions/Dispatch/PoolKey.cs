namespace PrintFarm.Dispatch;

/// <summary>Jobs and printers meet in pools of one technology and one material.</summary>
public readonly record struct PoolKey
{
    public PoolKey(string technology, string material)
    {
        Technology = technology.ToUpperInvariant();
        Material = material.ToUpperInvariant();
    }

    public string Technology { get; }
    public string Material { get; }

    public override string ToString() => $"{Technology}/{Material}";
}
