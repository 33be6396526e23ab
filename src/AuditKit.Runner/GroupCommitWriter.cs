using System.Threading.Channels;
using AuditKit.Core.Attempts;
using AuditKit.Store;

namespace AuditKit.Runner;

/// <summary>
/// Stores the attempts of many concurrent generations through one dedicated thread, committing everything that is
/// waiting in one durable transaction (a group commit). A durable commit costs one fsync, 0.2 ms on one disk and 10 ms
/// or more on another; one commit per attempt under a lock capped a 32-way HTTP run at 1/fsync attempts per second
/// (45/s with a 10 ms fsync). An attempt counts as stored only when the task <see cref="StoreAsync"/> returned has
/// completed, which is after its transaction committed, so a kill -9 loses nothing that was acknowledged.
/// </summary>
internal sealed class GroupCommitWriter
{
    /// <summary>Attempts per transaction at most: bounds the work lost to one failed commit and the time before its acknowledgement.</summary>
    private const int MaxBatch = 512;

    private readonly RunStore _store;
    private readonly Action<IReadOnlyList<Attempt>> _committed;
    private readonly Channel<(Attempt Attempt, TaskCompletionSource Stored)> _queue =
        Channel.CreateUnbounded<(Attempt, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _thread;

    /// <param name="committed">Called on the writer thread after each commit with the attempts it stored, in order.</param>
    public GroupCommitWriter(RunStore store, Action<IReadOnlyList<Attempt>> committed)
    {
        _store = store;
        _committed = committed;
        // SQLite blocks; a thread-pool thread blocked on every commit would starve the HTTP continuations on a small machine.
        _thread = new Thread(WriteLoop) { IsBackground = true, Name = "auditkit store writer" };
        _thread.Start();
    }

    /// <summary>Completes once the attempt is durably stored; faults with <see cref="StoreWriteException"/> when its commit failed.</summary>
    public Task StoreAsync(Attempt attempt)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((attempt, stored)))
            throw new InvalidOperationException("the writer was already completed");
        return stored.Task;
    }

    /// <summary>Commits what is still queued and stops the writer thread.</summary>
    public void Complete()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
    }

    private void WriteLoop()
    {
        var batch = new List<(Attempt Attempt, TaskCompletionSource Stored)>(MaxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
            var attempts = batch.Select(b => b.Attempt).ToList();
            try
            {
                _store.SaveAttempts(attempts);
                _committed(attempts);
            }
            catch (Exception e)
            {
                foreach (var (_, stored) in batch) stored.TrySetException(e);
                continue;
            }
            foreach (var (_, stored) in batch) stored.TrySetResult();
        }
    }
}
