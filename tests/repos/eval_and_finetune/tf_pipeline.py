import tensorflow as tf


def pipeline(paths, labels):
    ds = tf.data.Dataset.from_tensor_slices((paths, labels)).map(tf.io.read_file)
    ds = ds.shuffle(1000)  # expect: RND101@ds.shuffle
    fixed = ds.shuffle(1000, seed=4)
    return ds.batch(32), fixed


if __name__ == "__main__":
    pipeline([], [])
