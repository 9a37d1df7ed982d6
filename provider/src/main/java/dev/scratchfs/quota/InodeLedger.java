package dev.scratchfs.quota;

import com.google.common.util.concurrent.Striped;
import dev.scratchfs.io.IoCall;
import dev.scratchfs.io.IoRun;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;

/**
 * What one scratch file system with a quota counts, file by file: a {@link FileAccount} per inode
 * (by {@code fileKey}), so that a file is counted once however many names it has, and its bytes
 * come back exactly once: when its last name in this file system is gone and the last of this
 * file system's channels on it is closed. A file deleted while open still holds its bytes on disk,
 * and stays counted until then.
 *
 * <p>Everything that changes a file's names or handles reports here: channels as they open and
 * close ({@link QuotaChannels}), deletion ({@link #removing}), hard links ({@link #nameAdded}),
 * moves that replace a file ({@link #nameRemoved}) and moves between file systems ({@link
 * QuotaTransfers}). Operations on one file are serialized by a lock striped on its key, so that
 * two names, or two channels, of one file never race each other's size checks.
 *
 * <p>The ledger starts empty with the empty root. A file first met here that it did not see being
 * made (made through {@code TmpFileSystems.unwrap}, say) is counted from then on, with one name.
 */
public final class InodeLedger {
  private final Quota quota;
  private final Map<Object, FileAccount> files = new ConcurrentHashMap<>();
  private final Striped<Lock> locks = Striped.lock(64);

  /**
   * Creates the empty ledger of a file system.
   *
   * @param quota its budget
   */
  public InodeLedger(Quota quota) {
    this.quota = quota;
  }

  /**
   * Returns the budget the ledger counts against.
   *
   * @return the quota
   */
  public Quota quota() {
    return quota;
  }

  Lock lockFor(Object key) {
    return locks.get(key);
  }

  /** The account of a file, or null if nothing here holds it; for tests and for the channels. */
  FileAccount account(Object key) {
    return files.get(key);
  }

  /** Makes a file's count its real size (the lock held). */
  void resize(FileAccount account, long size) {
    quota.adjust(account.resize(size));
  }

  /**
   * Settles a reservation made for a file's growth once the operation is done, in one step (the
   * lock held): the count becomes the file's real size.
   */
  void settle(FileAccount account, long reserved, long size) {
    quota.settle(reserved, account.resize(size));
  }

  /** Gives the file's bytes back if nothing holds it any more (the lock held). */
  void releaseIfUnheld(Object key, FileAccount account) {
    if (account.unheld() && files.remove(key, account)) {
      quota.release(account.counted());
      account.resize(0);
    }
  }

  /**
   * Records a channel just opened on a file and returns the account of the channel.
   *
   * @param key the file's key
   * @param existed whether the file existed before the open (a file first met here has one name)
   * @param nameChange +1 if the open made the file's name, -1 if it removed it at once, else 0
   * @param size reads the file's size through the new channel
   * @return the file's account, held open until {@link #closed} is called for it
   * @throws IOException if the size cannot be read; nothing is recorded then
   */
  FileAccount opened(Object key, boolean existed, int nameChange, IoCall<Long> size)
      throws IOException {
    Lock lock = lockFor(key);
    lock.lock();
    try {
      long now = size.call();
      FileAccount account = files.computeIfAbsent(key, k -> new FileAccount(existed ? 1 : 0));
      account.names(nameChange);
      account.opened();
      resize(account, now);
      return account;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records that a channel on a file closed (the lock held).
   *
   * @param key the file's key
   * @param account its account
   * @param size its size when the channel closed, or -1 if unknown
   * @param nameRemoved whether closing removed one of its names ({@code DELETE_ON_CLOSE})
   */
  void closed(Object key, FileAccount account, long size, boolean nameRemoved) {
    if (size >= 0) {
      resize(account, size);
    }
    if (nameRemoved) {
      account.names(-1);
    }
    account.closed();
    releaseIfUnheld(key, account);
  }

  /**
   * Records a new name of a file ({@code createLink}).
   *
   * @param file the file, as read before the link was made
   */
  public void nameAdded(Inode file) {
    if (!file.regularFile()) {
      return;
    }
    Lock lock = lockFor(file.key());
    lock.lock();
    try {
      FileAccount account = files.get(file.key());
      if (account == null) {
        account = new FileAccount(1);
        files.put(file.key(), account);
        resize(account, file.size());
      }
      account.names(1);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records that a name of a file is gone (replaced by a move); gives its bytes back if that was
   * its last name here and no channel holds it.
   *
   * @param file the file the name had, as read before it was removed
   */
  public void nameRemoved(Inode file) {
    if (!file.regularFile()) {
      return;
    }
    Lock lock = lockFor(file.key());
    lock.lock();
    try {
      FileAccount account = files.get(file.key());
      if (account != null) {
        account.names(-1);
        releaseIfUnheld(file.key(), account);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs the removal of one name under the file's lock and records it ({@link #nameRemoved}).
   *
   * @param file what the name names, as read before; null if nothing counted (missing, or not a
   *     regular file)
   * @param removal the deletion
   * @param <T> what it returns
   * @return what {@code removal} returned
   * @throws IOException as {@code removal} throws; then nothing is recorded
   */
  public <T> T removing(Inode file, IoCall<T> removal) throws IOException {
    if (file == null || !file.regularFile()) {
      return removal.call();
    }
    Lock lock = lockFor(file.key());
    lock.lock();
    try {
      T result = removal.call();
      nameRemoved(file);
      return result;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs a move that brings names into this file system, charging, before it runs, the files not
   * counted here yet (each once, however many of its names arrive); a refused charge moves nothing.
   *
   * @param names one inode per regular file name that arrives
   * @param replaced the file a name of which the move replaces, or null
   * @param path the caller's target path, for the message
   * @param move the move
   * @throws IOException as {@code move} throws, or if the quota would be exceeded
   */
  public void movingIn(Collection<Inode> names, Inode replaced, String path, IoRun move)
      throws IOException {
    Map<Object, Inode> arriving = new LinkedHashMap<>();
    Map<Object, Integer> counts = new LinkedHashMap<>();
    for (Inode name : names) {
      if (name.regularFile()) {
        arriving.putIfAbsent(name.key(), name);
        counts.merge(name.key(), 1, Integer::sum);
      }
    }
    long incoming = 0;
    Set<Object> uncounted = new HashSet<>();
    for (Inode file : arriving.values()) {
      if (!files.containsKey(file.key())) {
        uncounted.add(file.key());
        incoming += file.size();
      }
    }
    boolean replaces =
        replaced != null && replaced.regularFile() && !counts.containsKey(replaced.key());
    long freed = replaces ? freedByLastName(replaced.key()) : 0;
    long charged = Math.max(0, incoming - freed);
    quota.charge(charged, path);
    try {
      move.run();
    } catch (IOException | RuntimeException e) {
      quota.release(charged);
      throw e;
    }
    for (Inode file : arriving.values()) {
      arrived(file, counts.get(file.key()), uncounted.contains(file.key()));
    }
    if (replaces) {
      nameRemoved(replaced);
    }
    quota.force(incoming - charged); // what the replaced file's bytes stood in for
  }

  private void arrived(Inode file, int names, boolean paidFor) {
    Lock lock = lockFor(file.key());
    lock.lock();
    try {
      FileAccount account = files.get(file.key());
      if (account == null) {
        account = new FileAccount(0);
        account.resize(paidFor ? file.size() : 0);
        files.put(file.key(), account);
        if (!paidFor) {
          resize(account, file.size());
        }
      } else if (paidFor) {
        quota.release(file.size()); // counted meanwhile by someone else: not twice
      }
      account.names(names);
    } finally {
      lock.unlock();
    }
  }

  private long freedByLastName(Object key) {
    Lock lock = lockFor(key);
    lock.lock();
    try {
      FileAccount account = files.get(key);
      return account != null && account.names() == 1 && account.handles() == 0
          ? account.counted()
          : 0;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records names that a move took out of this file system; gives back the bytes of each file that
   * lost its last name here and that no channel holds.
   *
   * @param names one inode per regular file name that left
   */
  public void movedOut(Collection<Inode> names) {
    for (Inode name : names) {
      nameRemoved(name);
    }
  }

  @Override
  public String toString() {
    return files.size() + " files, " + quota;
  }
}
