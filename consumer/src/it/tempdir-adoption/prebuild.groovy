// The temp directory the tests get (TMPDIR), outside target/ so that "clean" leaves it.
def tmp = new File(basedir, 'scratch-tmp')
assert tmp.mkdirs() || tmp.isDirectory()
return true
