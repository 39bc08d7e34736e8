from data_quality_frame_level.dataset import iter_frames, parse_label_file


def test_empty_label_file_means_no_boxes(tmp_path):
    label = tmp_path / "a.txt"
    label.write_text("")
    assert parse_label_file(label) == []


def test_iter_frames_pairs_images_with_labels(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "labels").mkdir()
    (tmp_path / "images" / "f1.jpg").write_bytes(b"")
    (tmp_path / "labels" / "f1.txt").write_text("0 0.5 0.5 0.1 0.2\n")
    frames = list(iter_frames(tmp_path))
    assert len(frames) == 1
    assert frames[0].gt_bboxes[0].w == 0.1
