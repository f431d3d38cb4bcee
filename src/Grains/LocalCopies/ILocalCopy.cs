namespace PrintFarm.LocalCopies;

/// <summary>What the refresher needs of every local copy, whatever it holds.</summary>
public interface ILocalCopy
{
    string Name { get; }

    /// <summary>Fetches from the owner, logging a failure; false when the owner was out of reach.</summary>
    Task<bool> TryRefresh();
}
